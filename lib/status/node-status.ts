import { db } from '@/lib/db/client';
import { getConfig } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import { estimateProgress, type ExpectedDurations } from './estimates';
import { activeDeploymentId, loadPhaseState, runStartOf, type PhaseStateDetail } from './phase-state';
import { currentExpectedDurations } from './phase-stats';
import { timedPhase } from './stuck';

/** The status object of the Python original's API (docs/reference/original-detailed.md §5.2: GET /api/status/nodes/{id}, /deployment/{ip}), plus node state. */
export interface NodeStatusView {
  server_ip: string | null;
  server_name: string;
  node_id: number;
  deployment_id: string | null;
  bare_metal_id: string | null;
  node_status: string;
  current_phase: string;
  phase_status: string;
  progress_percent: number;
  elapsed_time_seconds: number;
  estimated_remaining_seconds: number;
  timed_out: boolean;
  last_update: string;
  message: string;
  failure_reason: string | null;
  last_seen_at: string | null;
  last_fetch: string | null;
}

type NodeRow = NonNullable<Awaited<ReturnType<typeof db.node.findUnique>>>;

interface Facts {
  state: PhaseStateDetail;
  expected: ExpectedDurations;
  deploymentId: string | null;
  firstEventAt: Date | null;
  lastEvent: { createdAt: Date; message: string | null } | null;
}

const DEFAULT_MESSAGES: Record<string, string> = {
  deployed: 'Nutanix CE is installed and healthy',
  failed: 'Deployment failed',
  stuck: 'A phase outlived its timeout',
};

const seconds = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));

/** Derives the status view; deployed and failed nodes are frozen, running ones advance with time. */
export function deriveNodeStatus(node: NodeRow, f: Facts, now: Date): NodeStatusView {
  const start = f.firstEventAt ?? runStartOf(node);
  const lastUpdate = f.lastEvent?.createdAt ?? node.updatedAt;
  const timed = timedPhase(f.state, node.lastSeenAt);
  const phaseElapsed = timed ? seconds(timed.since, now) : 0;
  let progress: number;
  let remaining: number;
  let end = now;
  if (node.status === 'deployed') {
    [progress, remaining, end] = [100, 0, node.deployedAt ?? lastUpdate];
  } else if (node.status === 'failed' || node.status === 'cleaning' || node.status === 'cleaned') {
    [progress, remaining, end] = [node.progress, 0, lastUpdate];
  } else {
    const est = estimateProgress(f.expected, {
      phase: f.state.phase,
      status: f.state.status,
      phaseElapsedSeconds: f.state.status === 'completed' ? 0 : phaseElapsed,
      phaseProgress: f.state.phaseProgress,
    });
    [progress, remaining] = [est.percent, est.remainingSeconds];
  }
  const timeouts = getConfig().phaseTimeouts;
  const overdue = timed !== null && !['deployed', 'failed'].includes(node.status) && phaseElapsed > timeouts[timed.phase];
  return {
    server_ip: node.managementIp,
    server_name: node.name,
    node_id: node.id,
    deployment_id: f.deploymentId,
    bare_metal_id: node.bareMetalId,
    node_status: node.status,
    current_phase: f.state.phase ?? node.phase ?? 'pending',
    phase_status: f.state.status ?? 'waiting',
    progress_percent: progress,
    elapsed_time_seconds: f.firstEventAt ? seconds(start, end) : 0,
    estimated_remaining_seconds: remaining,
    timed_out: node.status === 'stuck' || overdue,
    last_update: lastUpdate.toISOString(),
    message: node.statusMessage ?? f.lastEvent?.message ?? DEFAULT_MESSAGES[node.status] ?? 'Deployment not started',
    failure_reason: node.failureReason,
    last_seen_at: node.lastSeenAt?.toISOString() ?? null,
    last_fetch: node.lastFetch,
  };
}

async function statusOf(node: NodeRow, now: Date): Promise<NodeStatusView> {
  const runStart = runStartOf(node);
  const [state, expected, deploymentId, first, last] = await Promise.all([
    loadPhaseState(db, node.id, runStart),
    currentExpectedDurations(),
    activeDeploymentId(db, node.id),
    db.deploymentEvent.findFirst({ where: { nodeId: node.id, createdAt: { gte: runStart } }, orderBy: { id: 'asc' }, select: { createdAt: true } }),
    db.deploymentEvent.findFirst({ where: { nodeId: node.id, message: { not: null } }, orderBy: { id: 'desc' }, select: { createdAt: true, message: true } }),
  ]);
  return deriveNodeStatus(node, { state, expected, deploymentId: deploymentId ?? null, firstEventAt: first?.createdAt ?? null, lastEvent: last }, now);
}

export async function nodeStatusById(id: number, now = new Date()): Promise<NodeStatusView> {
  const node = await db.node.findUnique({ where: { id } });
  if (!node) throw new NotFoundError(`Node ${id} not found`);
  return statusOf(node, now);
}

/** The newest node with this management address (names and addresses are reused after cleanup). */
export async function nodeByManagementIp(ip: string) {
  const node = await db.node.findFirst({ where: { managementIp: ip }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!node) throw new NotFoundError(`No node has management address ${ip}`);
  return node;
}

export async function nodeStatusByIp(ip: string, now = new Date()): Promise<NodeStatusView> {
  return statusOf(await nodeByManagementIp(ip), now);
}
