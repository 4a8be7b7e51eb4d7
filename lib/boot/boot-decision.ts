import { nodeMay, nodeStage } from '@/lib/auth/node-access';
import type { BootQuery } from './boot-request';
import { isInstallable } from '@/lib/status/node-statuses';
import { isInstalled, nodeForBootToken, type BootNode } from './boot-node';

export type BootDecision =
  | { kind: 'install'; node: BootNode }
  | { kind: 'local_disk'; node: BootNode }
  | { kind: 'not_bootable'; node: BootNode; reason: string }
  | { kind: 'denied'; reason: string };

/** Same words for an unknown node and a wrong token, so the answer cannot enumerate nodes. */
export const DENIED_REASON = 'This server is not registered with the orchestrator, or its boot token is not valid.';

/** Matching: which node is booting, and what it should do (install, boot its disk, or wait). */
export async function decideBoot(query: BootQuery): Promise<BootDecision> {
  const node = await nodeForBootToken(query.token, { nodeId: query.nodeId, mgmtIp: query.mgmtIp });
  if (!node || !nodeMay(nodeStage(node.status), 'boot_config')) return { kind: 'denied', reason: DENIED_REASON };
  if (isInstalled(node)) return { kind: 'local_disk', node };
  if (isInstallable(node.status)) return { kind: 'install', node };
  return {
    kind: 'not_bootable',
    node,
    reason: `Node ${node.name} is ${node.status}; reinitialize it from the orchestrator to install it again.`,
  };
}
