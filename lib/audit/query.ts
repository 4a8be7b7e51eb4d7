import { db, type Prisma } from '@/lib/db/client';
import type { AuditQuery } from './schemas';

export type AuditFilter = Omit<AuditQuery, 'format' | 'limit' | 'cursor'>;

export interface AuditEntryView {
  id: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  sourceIp: string | null;
  requestId: string | null;
  outcome: string;
}

function where(filter: AuditFilter, cursor?: number): Prisma.AuditLogWhereInput {
  return {
    ...(filter.actor && {
      OR: [{ actorLabel: { contains: filter.actor, mode: 'insensitive' } }, { actorId: filter.actor }],
    }),
    ...(filter.action && (filter.action.endsWith('.') ? { action: { startsWith: filter.action } } : { action: filter.action })),
    ...(filter.targetType && { targetType: filter.targetType }),
    ...(filter.targetId && { targetId: filter.targetId }),
    ...((filter.from || filter.to) && { at: { gte: filter.from, lte: filter.to } }),
    ...(cursor && { id: { lt: cursor } }),
  };
}

/** One page of audit entries, newest first, with the cursor of the next page (null at the end). */
export async function queryAudit(query: Pick<AuditQuery, 'limit' | 'cursor'> & AuditFilter) {
  const rows = await db.auditLog.findMany({
    where: where(query, query.cursor),
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const entries: AuditEntryView[] = rows.slice(0, query.limit);
  return { entries, nextCursor: rows.length > query.limit ? entries[entries.length - 1].id : null };
}

/** Every matching entry, page by page (for CSV export), up to `max`. */
export async function* allAuditEntries(filter: AuditFilter, max = 100_000): AsyncGenerator<AuditEntryView> {
  let cursor: number | undefined;
  let sent = 0;
  while (sent < max) {
    const page = await queryAudit({ ...filter, limit: 200, cursor });
    for (const entry of page.entries) {
      if (sent++ >= max) return;
      yield entry;
    }
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
