import { notifyStatement } from '@/lib/bus';
import { db, type Prisma } from '@/lib/db/client';

export type EventSource = 'orchestrator' | 'node' | 'operator' | 'system';

/** The database, or a transaction when the event must commit together with other writes. */
export type DbClient = Prisma.TransactionClient;

export interface TimelineEvent {
  nodeId?: number;
  clusterId?: number;
  deploymentId?: string;
  phase: string;
  status: string;
  message?: string;
  source: EventSource;
  progress?: number;
  durationMs?: number;
  details?: Prisma.InputJsonValue;
  /** Same key twice → one event (a retried callback or a replayed step). */
  idempotencyKey?: string;
  /** Defaults to the database's now(); set it when ordering within a transaction matters. */
  createdAt?: Date;
}

/**
 * Appends one event to the timeline; returns false when the idempotency key was already used.
 * Every timeline change is announced on the bus (`deployment` topic, delivered when `client`'s
 * transaction commits): live pages (server-sent events) refresh on it.
 */
export async function recordEvent(event: TimelineEvent, client: DbClient = db): Promise<boolean> {
  const { values: [channel, payload] } = notifyStatement('deployment', { deploymentId: event.deploymentId ?? null, nodeId: event.nodeId ?? null, clusterId: event.clusterId ?? null });
  // One statement: the event, and its announcement only if it was new (a used key inserts nothing).
  const announced = await client.$queryRaw<unknown[]>`
    WITH e AS (
      INSERT INTO "DeploymentEvent" ("deploymentId", "nodeId", "clusterId", "phase", "status", "message", "source", "progress", "durationMs", "details", "idempotencyKey", "createdAt")
      VALUES (${event.deploymentId ?? null}, ${event.nodeId ?? null}, ${event.clusterId ?? null}, ${event.phase}, ${event.status}, ${event.message ?? null},
              ${event.source}, ${event.progress ?? null}, ${event.durationMs ?? null}, ${event.details === undefined ? null : JSON.stringify(event.details)}::jsonb,
              ${event.idempotencyKey ?? null}, COALESCE(${event.createdAt ?? null}::timestamp, CURRENT_TIMESTAMP))
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING 1)
    SELECT pg_notify(${channel}, ${payload})::text FROM e`;
  return announced.length === 1;
}

export function listEvents(where: { nodeId?: number; clusterId?: number; deploymentId?: string }, take = 500) {
  return db.deploymentEvent.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take });
}
