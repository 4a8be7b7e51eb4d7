import { db, type Prisma } from '@/lib/db/client';

export type EventSource = 'orchestrator' | 'node' | 'operator' | 'system';

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
}

/** Appends one event to the timeline; returns false when the idempotency key was already used. */
export async function recordEvent(event: TimelineEvent): Promise<boolean> {
  if (event.idempotencyKey) {
    const inserted = await db.deploymentEvent.createMany({ data: [event], skipDuplicates: true });
    return inserted.count === 1;
  }
  await db.deploymentEvent.create({ data: event });
  return true;
}

export function listEvents(where: { nodeId?: number; clusterId?: number; deploymentId?: string }, take = 500) {
  return db.deploymentEvent.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take });
}
