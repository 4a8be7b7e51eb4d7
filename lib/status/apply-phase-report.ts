import type { Prisma } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/http/errors';
import { logger } from '@/lib/log/logger';
import { observePhaseDuration } from '@/lib/metrics/phases';
import { callbackKey } from './idempotency';
import { nodeUpdateForReport } from './node-update';
import { activeDeploymentId, loadPhaseState, runStartOf, type PhaseStateDetail } from './phase-state';
import { currentExpectedDurations } from './phase-stats';
import type { InstallPhase, PhaseStatus } from './phases';
import { recordEvent, type DbClient, type EventSource } from './timeline';
import { assertNodeAcceptsReports, checkPhaseTransition } from './transitions';

export interface PhaseReportInput {
  nodeId: number;
  phase: InstallPhase;
  status: PhaseStatus;
  message?: string;
  /** Progress within the phase, 0-100. */
  progress?: number;
  details?: Record<string, unknown>;
  /** The caller's id for this report; retries reuse it (see idempotency.ts). */
  clientId?: string;
  source?: EventSource;
}

export interface PhaseReportResult {
  /** false when this was a retry of a report already recorded (nothing changed). */
  recorded: boolean;
  node: { id: number; status: string; phase: string | null; progress: number };
}

/**
 * Applies one phase report to a node: ordering rules, idempotency, timeline event(s) and the
 * node's phase, progress, message, status (deploying / failed / deployed) and lastSeenAt, all in
 * one transaction with the node row locked so concurrent callbacks for a node serialize.
 * Used by POST /api/status/phase, the installer adapter, and orchestrator-side reporters.
 */
export async function applyPhaseReport(input: PhaseReportInput): Promise<PhaseReportResult> {
  const expected = await currentExpectedDurations();
  const result = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Node" WHERE id = ${input.nodeId} FOR UPDATE`;
    const node = await tx.node.findUnique({ where: { id: input.nodeId } });
    if (!node) throw new NotFoundError(`Node ${input.nodeId} not found`);
    const now = new Date();
    const runStart = runStartOf(node);
    const idempotencyKey = callbackKey({
      nodeId: node.id, runStart, kind: 'phase', phase: input.phase, status: input.status, clientId: input.clientId,
      body: { message: input.message ?? null, progress: input.progress ?? null, details: input.details ?? null },
    });
    const summary = () => ({ id: node.id, status: node.status, phase: node.phase, progress: node.progress });
    if (await tx.deploymentEvent.findUnique({ where: { idempotencyKey }, select: { id: true } })) {
      return { recorded: false, node: summary(), durationMs: undefined, implicit: undefined };
    }
    assertNodeAcceptsReports(node.status);
    const state = await loadPhaseState(tx, node.id, runStart);
    checkPhaseTransition(state, input);
    const deploymentId = await activeDeploymentId(tx, node.id);
    const base = { nodeId: node.id, deploymentId, source: input.source ?? ('node' as const) };
    const implicit = await endPreviousPhase(tx, state, input, { ...base, idempotencyKey, now });
    const durationMs = durationOf(state, input, now);
    const update = nodeUpdateForReport(node, input, expected, now);
    await recordEvent(
      {
        ...base,
        phase: input.phase,
        status: input.status,
        message: input.message,
        progress: update.progress ?? node.progress,
        durationMs,
        details: { ...input.details, ...(input.progress !== undefined ? { phaseProgress: input.progress } : {}) } as Prisma.InputJsonValue,
        idempotencyKey,
        createdAt: now,
      },
      tx,
    );
    const updated = await tx.node.update({ where: { id: node.id }, data: update });
    return {
      recorded: true,
      node: { id: updated.id, status: updated.status, phase: updated.phase, progress: updated.progress },
      durationMs,
      implicit,
    };
  });
  if (result.implicit) observePhaseDuration(result.implicit.phase, result.implicit.durationMs / 1000);
  if (result.durationMs !== undefined && input.status === 'completed') observePhaseDuration(input.phase, result.durationMs / 1000);
  if (result.recorded) {
    logger.info({ nodeId: input.nodeId, phase: input.phase, status: input.status, nodeStatus: result.node.status }, 'phase report');
  }
  return { recorded: result.recorded, node: result.node };
}

/** Time the phase took, for a report that ends a phase that started in this run. */
function durationOf(state: PhaseStateDetail, input: PhaseReportInput, now: Date): number | undefined {
  if (input.status !== 'completed' && input.status !== 'failed') return undefined;
  if (state.phase !== input.phase || !state.phaseStartedAt) return undefined;
  return now.getTime() - state.phaseStartedAt.getTime();
}

/**
 * Starting a later phase while the current one is still running ends the current one: record
 * its completion (marked implicit) so its duration still feeds the phase statistics.
 */
async function endPreviousPhase(
  tx: DbClient,
  state: PhaseStateDetail,
  input: PhaseReportInput,
  ctx: { nodeId: number; deploymentId?: string; source: EventSource; idempotencyKey: string; now: Date },
) : Promise<{ phase: string; durationMs: number } | undefined> {
  if (!state.phase || state.phase === input.phase) return undefined;
  if (state.status !== 'started' && state.status !== 'in_progress') return undefined;
  if (input.status === 'failed') return undefined;
  const durationMs = state.phaseStartedAt ? ctx.now.getTime() - state.phaseStartedAt.getTime() : undefined;
  await recordEvent(
    {
      nodeId: ctx.nodeId, deploymentId: ctx.deploymentId, source: ctx.source,
      phase: state.phase, status: 'completed', durationMs,
      message: `Ended when ${input.phase} started`,
      details: { implicit: true },
      idempotencyKey: `${ctx.idempotencyKey}:implicit`,
      createdAt: new Date(ctx.now.getTime() - 1),
    },
    tx,
  );
  return durationMs === undefined ? undefined : { phase: state.phase, durationMs };
}
