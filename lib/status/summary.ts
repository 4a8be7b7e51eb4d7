import { db } from '@/lib/db/client';
import { countNodesByStatus } from './node-counts';
import { statusesWhere } from './node-statuses';
import { measuredPhaseDurations } from './phase-stats';

/** Deployment kinds that install a node; their outcomes make the success rate. */
const INSTALL_KINDS = ['provision', 'reinitialize'];
const ACTIVE_NODE_STATUSES = statusesWhere('inFlight');

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

type NodeLite = { id: number; name: string; phase: string | null; status: string; statusMessage: string | null; progress: number; updatedAt: Date };

const brief = (n: NodeLite) => ({
  node_id: n.id,
  node_name: n.name,
  current_phase: n.phase,
  status: n.status,
  progress: n.progress,
  message: n.statusMessage,
  timestamp: n.updatedAt.toISOString(),
});

const NODE_LITE = { id: true, name: true, phase: true, status: true, statusMessage: true, progress: true, updatedAt: true } as const;

/** Nodes currently marked stuck, with the facts stuck detection recorded. */
export async function listStuckNodes() {
  const nodes = await db.node.findMany({
    where: { status: 'stuck' },
    orderBy: { id: 'asc' },
    include: { events: { where: { phase: 'stuck', status: 'timeout' }, orderBy: { id: 'desc' }, take: 1 } },
  });
  return nodes.map((n) => {
    const details = (n.events[0]?.details ?? {}) as Record<string, unknown>;
    return {
      node_id: n.id,
      node_name: n.name,
      phase: (details.timedOutPhase as string | undefined) ?? n.phase,
      timeout_seconds: (details.timeoutSeconds as number | undefined) ?? null,
      stuck_since: n.events[0]?.createdAt.toISOString() ?? null,
      last_seen_at: n.lastSeenAt?.toISOString() ?? null,
      last_fetch: n.lastFetch,
      reason: n.statusMessage,
    };
  });
}

/**
 * GET /api/status/summary: the Python original's fields (docs/reference/original-detailed.md §5.4: total_nodes, status_summary,
 * active_deployments, recent_deployments, timestamp) plus counts by phase of active nodes, the
 * success rate of finished install deployments, per-phase duration statistics and stuck nodes.
 */
export async function statusSummary(now = new Date()) {
  const [counts, byPhase, outcomes, durations, stuck, active, recent] = await Promise.all([
    countNodesByStatus(),
    db.node.groupBy({ by: ['phase'], where: { status: { in: ACTIVE_NODE_STATUSES } }, _count: { _all: true } }),
    db.deployment.groupBy({ by: ['status'], where: { kind: { in: INSTALL_KINDS }, status: { in: ['succeeded', 'failed'] } }, _count: { _all: true } }),
    measuredPhaseDurations(),
    listStuckNodes(),
    db.node.findMany({ where: { status: { in: ACTIVE_NODE_STATUSES } }, orderBy: { updatedAt: 'desc' }, take: 50, select: NODE_LITE }),
    db.node.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 5, select: NODE_LITE }),
  ]);
  const { total, ...status_summary } = counts;
  const succeeded = outcomes.find((o) => o.status === 'succeeded')?._count._all ?? 0;
  const failed = outcomes.find((o) => o.status === 'failed')?._count._all ?? 0;
  return {
    total_nodes: total,
    status_summary,
    phase_summary: Object.fromEntries(byPhase.map((g) => [g.phase ?? 'not_started', g._count._all])),
    deployments_finished: { succeeded, failed },
    success_rate: succeeded + failed === 0 ? null : round(succeeded / (succeeded + failed), 4),
    phase_durations: durations.map((d) => ({
      phase: d.phase,
      samples: d.samples,
      mean_seconds: round(d.meanSeconds, 3),
      p95_seconds: round(d.p95Seconds, 3),
    })),
    stuck_nodes: stuck,
    active_deployments: active.map(brief),
    recent_deployments: recent.map(brief),
    timestamp: now.toISOString(),
  };
}

export type StatusSummary = Awaited<ReturnType<typeof statusSummary>>;
