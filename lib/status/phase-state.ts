import { INSTALL_PHASES, PHASE_STATUSES, isInstallPhase, type InstallPhase, type PhaseStatus } from './phases';
import type { DbClient } from './timeline';
import type { PhaseState } from './transitions';

/**
 * A node's current install run starts when its boot token was issued (provisioning or
 * reinitialize rotates it); events before that belong to earlier runs.
 */
export function runStartOf(node: { bootTokenAt: Date | null; createdAt: Date }): Date {
  return node.bootTokenAt ?? node.createdAt;
}

export interface PhaseStateDetail extends PhaseState {
  /** When the current phase's state was reached (the newest phase event). */
  at: Date | null;
  /** When the current phase first started in this run (null when it never did). */
  phaseStartedAt: Date | null;
  /** Within-phase progress from the newest event, when the node sent one. */
  phaseProgress: number | null;
}

const EMPTY: PhaseStateDetail = { phase: null, status: null, at: null, phaseStartedAt: null, phaseProgress: null };

/** The newest install-phase event of the node's current run, and when that phase started. */
export async function loadPhaseState(client: DbClient, nodeId: number, runStart: Date): Promise<PhaseStateDetail> {
  const latest = await client.deploymentEvent.findFirst({
    where: { nodeId, createdAt: { gte: runStart }, phase: { in: [...INSTALL_PHASES] }, status: { in: [...PHASE_STATUSES] } },
    orderBy: { id: 'desc' },
  });
  if (!latest || !isInstallPhase(latest.phase)) return EMPTY;
  const phase: InstallPhase = latest.phase;
  const start = await client.deploymentEvent.findFirst({
    where: { nodeId, createdAt: { gte: runStart }, phase, status: { in: ['started', 'in_progress'] } },
    orderBy: { id: 'asc' },
    select: { createdAt: true },
  });
  const details = latest.details as { phaseProgress?: unknown } | null;
  return {
    phase,
    status: latest.status as PhaseStatus,
    at: latest.createdAt,
    phaseStartedAt: start?.createdAt ?? null,
    phaseProgress: typeof details?.phaseProgress === 'number' ? details.phaseProgress : null,
  };
}

/** The provisioning or reinitialize run a node's events belong to (its newest one). */
export async function activeDeploymentId(client: DbClient, nodeId: number): Promise<string | undefined> {
  const deployment = await client.deployment.findFirst({
    where: { nodeId, kind: { in: ['provision', 'reinitialize'] } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  return deployment?.id;
}
