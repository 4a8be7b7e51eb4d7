import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import { nodeByManagementIp } from './node-status';

export const HISTORY_LIMIT = 1000;

export interface HistoryEntry {
  id: number;
  phase: string;
  status: string;
  message: string | null;
  source: string;
  progress: number | null;
  duration_seconds: number | null;
  details: unknown;
  deployment_id: string | null;
  timestamp: string;
}

/** A node's timeline, oldest first (the newest HISTORY_LIMIT events), in the Python original's shape (docs/reference/original-detailed.md §1.4). */
export async function nodeHistory(node: { id: number; name: string; managementIp: string | null }) {
  const events = await db.deploymentEvent.findMany({ where: { nodeId: node.id }, orderBy: { id: 'desc' }, take: HISTORY_LIMIT });
  const deployment_history: HistoryEntry[] = events.reverse().map((e) => ({
    id: e.id,
    phase: e.phase,
    status: e.status,
    message: e.message,
    source: e.source,
    progress: e.progress,
    duration_seconds: e.durationMs === null ? null : e.durationMs / 1000,
    details: e.details,
    deployment_id: e.deploymentId,
    timestamp: e.createdAt.toISOString(),
  }));
  return { server_ip: node.managementIp, node_name: node.name, node_id: node.id, deployment_history };
}

export async function nodeHistoryById(id: number) {
  const node = await db.node.findUnique({ where: { id }, select: { id: true, name: true, managementIp: true } });
  if (!node) throw new NotFoundError(`Node ${id} not found`);
  return nodeHistory(node);
}

export async function nodeHistoryByIp(ip: string) {
  return nodeHistory(await nodeByManagementIp(ip));
}

export interface RecentEvent {
  id: number;
  node_id: number | null;
  node_name: string | null;
  phase: string;
  status: string;
  message: string | null;
  source: string;
  timestamp: string;
}

/** The newest events across all nodes (or one node), newest first, for live feeds. */
export async function recentEvents(opts: { limit: number; nodeId?: number }): Promise<RecentEvent[]> {
  const events = await db.deploymentEvent.findMany({
    where: opts.nodeId ? { nodeId: opts.nodeId } : {},
    orderBy: { id: 'desc' },
    take: opts.limit,
    include: { node: { select: { name: true } } },
  });
  return events.map((e) => ({
    id: e.id,
    node_id: e.nodeId,
    node_name: e.node?.name ?? null,
    phase: e.phase,
    status: e.status,
    message: e.message,
    source: e.source,
    timestamp: e.createdAt.toISOString(),
  }));
}
