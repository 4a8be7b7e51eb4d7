import type { Prisma } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { callbackKey } from './idempotency';
import { runStartOf } from './phase-state';
import { recordEvent } from './timeline';

/**
 * Records a line the node said (installer log line, overall heartbeat) in its timeline as an
 * `info` event under its current phase, and notes that the node was seen. The node's status and
 * phase do not change (the Python original flipped the status to LOG on every line, docs/reference/original-detailed.md §4.5).
 */
export async function recordNodeLog(
  nodeId: number,
  entry: { message: string; details?: Prisma.InputJsonValue; clientId?: string },
): Promise<boolean> {
  const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
  const now = new Date();
  const idempotencyKey = entry.clientId
    ? callbackKey({ nodeId, runStart: runStartOf(node), kind: 'log', phase: node.phase ?? 'installer', status: 'info', clientId: entry.clientId })
    : undefined;
  const recorded = await recordEvent({
    nodeId,
    phase: node.phase ?? 'installer',
    status: 'info',
    source: 'node',
    message: entry.message,
    details: entry.details,
    idempotencyKey,
    createdAt: now,
  });
  await db.node.update({ where: { id: nodeId }, data: { lastSeenAt: now } });
  return recorded;
}
