import type { Identity } from '@/lib/auth/identity';
import { assertNodeMay, nodeStage, type NodeAction } from '@/lib/auth/node-access';
import { db } from '@/lib/db/client';
import { parseHostKeys, recordHostKeys } from '@/lib/clusters/former/host-keys';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { applyPhaseReport, applyPhaseReportInBackground, loadReportState, type PhaseReportInput, type PhaseReportResult } from './apply-phase-report';
import { POST_INSTALL_PHASES } from './phases';
import type { PhaseCallback } from './schemas';

/** The node a node-token request speaks for. */
export function callerNodeId(identity: Identity): number {
  if (identity.kind !== 'node') throw new ForbiddenError('A valid node token is required');
  return identity.nodeId;
}

function bareIp(value: string | null): string | null {
  return value ? value.split('/')[0].trim().toLowerCase() : null;
}

/**
 * Loads the calling node and checks that the address in the body is its management address:
 * a token never speaks for another node (403, the same answer whether or not the address exists).
 */
export async function callerNodeAt(nodeId: number, serverIp: string) {
  const node = await db.node.findUnique({ where: { id: nodeId } });
  if (!node || bareIp(node.managementIp) !== bareIp(serverIp)) {
    throw new ForbiddenError('This node token does not belong to the node with that address');
  }
  return node;
}

/** POST /api/status/phase: a node reports one of its install phases. */
export async function receivePhaseCallback(
  nodeId: number,
  body: PhaseCallback,
  idempotencyHeader?: string | null,
): Promise<PhaseReportResult> {
  const state = await loadReportState(nodeId);
  if (!state || bareIp(state.node.managementIp) !== bareIp(body.server_ip)) {
    throw new ForbiddenError('This node token does not belong to the node with that address');
  }
  assertNodeMay(state.node, nodeStage(state.node.status), phaseAction(body.phase));
  const hostKeys = body.ssh_host_keys ? await hostKeysOf(nodeId, body.phase, body.ssh_host_keys) : null;
  const result = await applyPhaseReport({
    nodeId,
    phase: body.phase,
    status: body.status,
    message: body.message,
    progress: body.progress,
    details: body.details,
    clientId: body.callback_id ?? idempotencyHeader?.slice(0, 128) ?? undefined,
    source: 'node',
  }, state);
  if (hostKeys) await recordHostKeys(nodeId, hostKeys.address, hostKeys.keys, 'node_report');
  return result;
}

/**
 * Host keys a node reports (token-authenticated) for its CVM, with its cluster_formation phase:
 * once the hypervisor is up, the key it reports is the one cluster create may trust.
 */
async function hostKeysOf(nodeId: number, phase: string, lines: string[]) {
  if (phase !== 'cluster_formation') {
    throw new ValidationError('Host keys come with the cluster_formation phase', [{ field: 'ssh_host_keys', message: 'only with phase cluster_formation' }]);
  }
  const keys = parseHostKeys(lines);
  const node = await db.node.findUnique({ where: { id: nodeId }, select: { cvmIp: true } });
  if (!node?.cvmIp) throw new ConflictError('This node has no CVM address to attach host keys to');
  return { address: node.cvmIp, keys };
}

/** What reporting `phase` counts as in the node-token policy (lib/auth/node-access.ts). */
export function phaseAction(phase: string): NodeAction {
  return (POST_INSTALL_PHASES as readonly string[]).includes(phase) ? 'post_install_phase' : 'install_phase';
}

/**
 * For orchestrator-side reporters (boot service, workflows) that observe a phase as a side effect
 * (serving the iPXE script means ipxe_boot started): apply the report, but treat an
 * out-of-order or closed-node conflict as "nothing to record" instead of an error.
 */
export async function reportPhaseQuietly(input: PhaseReportInput): Promise<PhaseReportResult | null> {
  try {
    return await applyPhaseReport({ source: 'orchestrator', ...input });
  } catch (err) {
    if (err instanceof ConflictError) return null;
    throw err;
  }
}

/**
 * reportPhaseQuietly without waiting, for a start observed on a hot path (serving the iPXE script
 * or the installer config): recorded at `observedAt` even when the node's next report comes first.
 * Resolves once it is in the database (or there was nothing to record).
 */
export function reportPhaseStartInBackground(input: Omit<PhaseReportInput, 'status'> & { observedAt: Date }): Promise<void> {
  return applyPhaseReportInBackground({ source: 'orchestrator', ...input, status: 'started' });
}
