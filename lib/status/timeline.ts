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
  if (event.idempotencyKey) {
    const inserted = await client.deploymentEvent.createMany({ data: [event], skipDuplicates: true });
    if (inserted.count !== 1) return false;
  } else {
    await client.deploymentEvent.create({ data: event });
  }
  const { text, values } = notifyStatement('deployment', { deploymentId: event.deploymentId ?? null, nodeId: event.nodeId ?? null, clusterId: event.clusterId ?? null });
  await client.$executeRawUnsafe(text, ...values);
  return true;
}

export function listEvents(where: { nodeId?: number; clusterId?: number; deploymentId?: string }, take = 500) {
  return db.deploymentEvent.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take });
}
