import { db, type Prisma } from '@/lib/db/client';
import { orderByFor, type PageFacts } from '@/lib/db/paging';
import type { AUDIT_SORTS, AuditQuery } from './schemas';

export type AuditFilter = Omit<AuditQuery, 'format' | 'limit' | 'cursor' | 'offset' | 'sort' | 'order'>;

const AUDIT_SORT_COLUMNS: Record<(typeof AUDIT_SORTS)[number], 'id' | 'action' | 'actorLabel' | 'targetType'> = {
  at: 'id',
  action: 'action',
  actor: 'actorLabel',
  target_type: 'targetType',
};

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

/**
 * One page of audit entries and the total matching the filters. Default order: newest first (ids
 * grow with time), where `cursor` (the id of the last entry) continues by keyset; `offset`, `sort`
 * and `order` serve numbered pages. `counted: false` skips the count (total -1) for exports.
 */
export async function queryAudit(
  query: Pick<AuditQuery, 'limit'> & Partial<Pick<AuditQuery, 'cursor' | 'offset' | 'sort' | 'order'>> & AuditFilter,
  { counted = true } = {},
): Promise<{ entries: AuditEntryView[]; nextCursor: number | null } & PageFacts> {
  const sort = query.sort ?? 'at';
  const order = query.order ?? 'desc';
  const offset = query.offset ?? 0;
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where: where(query, query.cursor), orderBy: orderByFor(AUDIT_SORT_COLUMNS, sort, order, 'id'), skip: offset, take: query.limit + 1 }),
    counted ? db.auditLog.count({ where: where(query) }) : Promise.resolve(-1),
  ]);
  const entries: AuditEntryView[] = rows.slice(0, query.limit);
  const keyset = sort === 'at' && order === 'desc';
  return { entries, nextCursor: keyset && rows.length > query.limit ? entries[entries.length - 1].id : null, total, offset, limit: query.limit, sort, order };
}

/** Every matching entry, page by page (for CSV export), up to `max`. */
export async function* allAuditEntries(filter: AuditFilter, max = 100_000): AsyncGenerator<AuditEntryView> {
  let cursor: number | undefined;
  let sent = 0;
  while (sent < max) {
    const page = await queryAudit({ ...filter, limit: 200, cursor }, { counted: false });
    for (const entry of page.entries) {
      if (sent++ >= max) return;
      yield entry;
    }
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
