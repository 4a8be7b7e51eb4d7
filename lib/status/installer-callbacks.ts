import type { Prisma } from '@/lib/db/client';
import type { Node } from '@/lib/db/generated/client';
import { db } from '@/lib/db/client';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { applyPhaseReport } from './apply-phase-report';
import { assertNodeMay, nodeStage } from '@/lib/auth/node-access';
import { callerNodeAt, phaseAction } from './callbacks';
import { installerStep } from './installer-phases';
import { recordNodeLog } from './node-log';
import { isInstallPhase, type InstallPhase } from './phases';
import type { InstallationStatus, InstallerStatus } from './schemas';

export interface InstallerCallbackResult {
  applied: boolean;
  recorded: boolean;
  phase?: string;
  status?: string;
  note?: string;
}

function currentPhase(node: Node): InstallPhase {
  return node.phase && isInstallPhase(node.phase) ? node.phase : 'ipxe_boot';
}

/** The calling node, checked against the node_id / management_ip the installer sent (403 on mismatch). */
async function installerNode(nodeId: number, body: InstallationStatus): Promise<Node> {
  if (body.node_id !== undefined && Number(body.node_id) !== nodeId) {
    throw new ForbiddenError('This node token does not belong to that node');
  }
  if (body.management_ip !== undefined) return callerNodeAt(nodeId, body.management_ip);
  return db.node.findUniqueOrThrow({ where: { id: nodeId } });
}

/**
 * POST /api/installation/status from the Python original's installer (docs/reference/original-detailed.md §4.5). Log lines (-1) become info events;
 * `error` fails the node at its current phase; numbered steps map to phase reports. The
 * installer is a script that cannot act on a conflict, so a step that the phase rules refuse
 * (e.g. already completed by the boot service) is kept as a log line and answered 200 with
 * `applied: false` and the reason.
 */
export async function receiveInstallerStatus(nodeId: number, body: InstallationStatus): Promise<InstallerCallbackResult> {
  const node = await installerNode(nodeId, body);
  assertNodeMay(node, nodeStage(node.status), 'installer_log');
  const step = installerStep(body.phase);
  const details = { installerPhase: body.phase };
  if (step.kind === 'log') {
    return { applied: false, recorded: await recordNodeLog(node.id, { message: body.message, details, clientId: body.callback_id }) };
  }
  const report = step.kind === 'failed'
    ? { phase: currentPhase(node), status: 'failed' as const }
    : { phase: step.phase, status: step.status };
  try {
    const result = await applyPhaseReport({ nodeId: node.id, ...report, message: body.message, details, clientId: body.callback_id, source: 'node' });
    return { applied: true, recorded: result.recorded, ...report };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const recorded = await recordNodeLog(node.id, { message: body.message, details: { ...details, ignored: err.message }, clientId: body.callback_id });
    return { applied: false, recorded, ...report, note: err.message };
  }
}

/**
 * POST /api/status: the installer's overall state. `failed` fails the node at the given (or its
 * current) phase; with a phase it is a phase report; without one it is a heartbeat line.
 */
export async function receiveOverallStatus(nodeId: number, body: InstallerStatus): Promise<InstallerCallbackResult> {
  const node = await callerNodeAt(nodeId, body.server_ip);
  if (body.status === 'failed' || body.phase) {
    const report = { phase: body.phase ?? currentPhase(node), status: body.status };
    assertNodeMay(node, nodeStage(node.status), phaseAction(report.phase));
    const result = await applyPhaseReport({ nodeId, ...report, message: body.message, details: body.details, clientId: body.callback_id, source: 'node' });
    return { applied: true, recorded: result.recorded, ...report };
  }
  assertNodeMay(node, nodeStage(node.status), 'heartbeat');
  const recorded = await recordNodeLog(nodeId, { message: body.message, details: { overall: body.status, ...body.details } as Prisma.InputJsonValue, clientId: body.callback_id });
  return { applied: false, recorded, status: body.status };
}
