import type { Prisma } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { getConfig } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import type { PhaseSeconds } from './estimates';
import { loadPhaseState, runStartOf, type PhaseStateDetail } from './phase-state';
import { nextInstallPhase, type InstallPhase } from './phases';
import { recordEvent } from './timeline';

export interface StuckNode {
  nodeId: number;
  name: string;
  phase: InstallPhase;
  timeoutSeconds: number;
  /** When the timed-out phase started (or, between phases, when the previous one completed). */
  since: string;
  lastSeenAt: string | null;
  lastFetch: string | null;
  reason: string;
}

/** The phase a node is waiting on and since when, or null when there is nothing to time. */
export function timedPhase(state: PhaseStateDetail, lastSeenAt: Date | null): { phase: InstallPhase; since: Date } | null {
  if (!state.phase) return null;
  if (state.status === 'completed') {
    const next = nextInstallPhase(state.phase);
    return next && state.at ? { phase: next, since: state.at } : null;
  }
  const since = state.phaseStartedAt ?? state.at ?? lastSeenAt;
  return since ? { phase: state.phase, since } : null;
}

function describe(p: { phase: string; timeoutSeconds: number; since: Date; lastSeenAt: Date | null; lastFetch: string | null }) {
  const lastCall = p.lastSeenAt ? `the node last called at ${p.lastSeenAt.toISOString()}` : 'the node never called';
  const fetched = p.lastFetch ? `last fetched ${p.lastFetch}` : 'fetched nothing';
  return `Phase ${p.phase} exceeded its ${p.timeoutSeconds} s timeout (waiting since ${p.since.toISOString()}); ${lastCall}; ${fetched}`;
}

/**
 * Marks `deploying` nodes whose current install phase has run longer than its timeout as
 * `stuck`, with a timeline event saying which phase timed out, when the node last called and
 * what it last fetched. Nodes that have not reached an install phase yet are left to the
 * provisioning workflow's own boot wait. Safe to run concurrently and repeatedly (row lock,
 * status re-check, idempotency key per node, run and phase).
 */
export async function detectStuckNodes(now = new Date(), timeouts: PhaseSeconds = getConfig().phaseTimeouts): Promise<StuckNode[]> {
  const candidates = await db.node.findMany({ where: { status: 'deploying', phase: { not: null } }, select: { id: true } });
  const marked: StuckNode[] = [];
  for (const { id } of candidates) {
    const stuck = await markIfStuck(id, now, timeouts);
    if (stuck) marked.push(stuck);
  }
  if (marked.length) logger.warn({ nodes: marked.map((m) => ({ id: m.nodeId, phase: m.phase })) }, 'nodes marked stuck');
  return marked;
}

async function markIfStuck(nodeId: number, now: Date, timeouts: PhaseSeconds): Promise<StuckNode | null> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Node" WHERE id = ${nodeId} FOR UPDATE`;
    const node = await tx.node.findUnique({ where: { id: nodeId } });
    if (!node || node.status !== 'deploying') return null;
    const runStart = runStartOf(node);
    const timed = timedPhase(await loadPhaseState(tx, node.id, runStart), node.lastSeenAt);
    if (!timed) return null;
    const timeoutSeconds = timeouts[timed.phase];
    if (now.getTime() - timed.since.getTime() <= timeoutSeconds * 1000) return null;
    const facts = { phase: timed.phase, timeoutSeconds, since: timed.since, lastSeenAt: node.lastSeenAt, lastFetch: node.lastFetch };
    const reason = describe(facts);
    const details = {
      timedOutPhase: timed.phase,
      timeoutSeconds,
      since: timed.since.toISOString(),
      lastSeenAt: node.lastSeenAt?.toISOString() ?? null,
      lastFetch: node.lastFetch,
    } satisfies Prisma.InputJsonValue;
    await tx.node.update({ where: { id: node.id }, data: { status: 'stuck', statusMessage: reason } });
    await recordEvent(
      {
        nodeId: node.id, phase: 'stuck', status: 'timeout', source: 'system', message: reason, details,
        idempotencyKey: `stuck:${node.id}:${runStart.getTime()}:${timed.phase}:${timed.since.getTime()}`,
        createdAt: now,
      },
      tx,
    );
    return { nodeId: node.id, name: node.name, ...details, phase: timed.phase, reason, lastSeenAt: details.lastSeenAt };
  });
}
