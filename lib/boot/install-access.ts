import { ForbiddenError } from '@/lib/http/errors';
import { isInstallable, isInstalled, loadBootNode, type BootNode } from './boot-node';

/**
 * The node behind a boot token, if it may still use the install endpoints (installer config,
 * images, scripts). Once installed (or failed, cleaned...) its token no longer opens them: only a
 * reinitialize, which rotates the token and resets the node, does.
 */
export async function nodeForInstall(nodeId: number): Promise<BootNode> {
  const node = await loadBootNode(nodeId);
  if (!node) throw new ForbiddenError('A valid node token is required');
  if (await isInstalled(node)) {
    throw new ForbiddenError(`Node ${node.name} is installed; install endpoints reopen only after a reinitialize`);
  }
  if (!isInstallable(node.status)) {
    throw new ForbiddenError(`Node ${node.name} is ${node.status}; install endpoints are closed`);
  }
  return node;
}
