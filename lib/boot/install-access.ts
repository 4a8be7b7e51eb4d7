import { ForbiddenError } from '@/lib/errors';
import { assertNodeMay, nodeStage } from '@/lib/auth/node-access';
import { isInstalled, loadBootNode, type BootNode } from './boot-node';

/**
 * The node behind a boot token, if it may still use the install endpoints (installer config,
 * images, scripts; lib/auth/node-access.ts). Once installed (or failed, cleaned...) its token no
 * longer opens them: only a reinitialize, which rotates the token and resets the node, does.
 */
export async function nodeForInstall(nodeId: number): Promise<BootNode> {
  const node = await loadBootNode(nodeId);
  if (!node) throw new ForbiddenError('A valid node token is required');
  assertNodeMay(node, nodeStage(node.status, isInstalled(node)), 'install_files');
  return node;
}
