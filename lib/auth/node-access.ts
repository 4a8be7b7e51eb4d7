import { isInstallable, statusIs } from '@/lib/status/node-statuses';
import { ForbiddenError } from '@/lib/errors';

/**
 * What a node's boot token may do, by the node's stage. The one policy boot (lib/boot) and the
 * status callbacks (lib/status) consult; README "Node tokens" shows the same table.
 */
export type NodeAction =
  /** GET /boot/config: the answer itself depends on the stage (install, boot local disk, wait). */
  | 'boot_config'
  /** /boot/server/:ip, /boot/scripts/*, /boot/images/*: what the installer downloads. */
  | 'install_files'
  /** Phase reports up to and including `installation`. */
  | 'install_phase'
  /** cluster_formation (which may carry the hypervisor's SSH host key), dns_registration, health_validation. */
  | 'post_install_phase'
  /** POST /api/status without a phase: the installer's or hypervisor's heartbeat. */
  | 'heartbeat'
  /** POST /api/installation/status log lines and numbered steps of the Python original's installer (docs/reference/original-detailed.md §4.5). */
  | 'installer_log';

export type NodeStage = 'installing' | 'installed' | 'deployed' | 'halted' | 'retired';

export const NODE_ACCESS: Record<NodeStage, readonly NodeAction[]> = {
  /** An installable status (pending, provisioning, deploying, stuck; lib/status/node-statuses.ts); hypervisor not on disk yet. */
  installing: ['boot_config', 'install_files', 'install_phase', 'post_install_phase', 'heartbeat', 'installer_log'],
  /** The hypervisor is on the disk (installation completed), not deployed yet: never reinstall. */
  installed: ['boot_config', 'install_phase', 'post_install_phase', 'heartbeat', 'installer_log'],
  deployed: ['boot_config', 'post_install_phase', 'heartbeat'],
  /** Any other status that is not retired (failed, reinitializing): /boot/config answers "wait"; reports still explain what happened. */
  halted: ['boot_config', 'install_phase', 'post_install_phase', 'heartbeat', 'installer_log'],
  /** A retired status (cleaning, cleaned): the token is dead everywhere (cleanup also deletes its hash). */
  retired: [],
};

/** The stage of a node: its status, and for a node still installing whether the hypervisor is on disk. */
export function nodeStage(status: string, installed = false): NodeStage {
  if (statusIs(status, 'retired')) return 'retired';
  if (status === 'deployed') return 'deployed';
  if (installed) return 'installed';
  return isInstallable(status) ? 'installing' : 'halted';
}

export function nodeMay(stage: NodeStage, action: NodeAction): boolean {
  return NODE_ACCESS[stage].includes(action);
}

/** 403 when a node in `stage` may not do `action` with its token. */
export function assertNodeMay(node: { name: string; status: string }, stage: NodeStage, action: NodeAction): void {
  if (nodeMay(stage, action)) return;
  const allowed = NODE_ACCESS[stage];
  throw new ForbiddenError(
    allowed.length === 0
      ? `Node ${node.name} is ${node.status}: its token is no longer valid`
      : `Node ${node.name} is ${stage === 'installed' ? 'installed' : node.status}: its token allows only ${allowed.join(', ')}`,
  );
}
