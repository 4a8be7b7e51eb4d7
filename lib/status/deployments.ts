import { db, type Prisma } from '@/lib/db/client';
import { ValidationError } from '@/lib/errors';
import { orderByFor, type PageFacts } from '@/lib/db/paging';
import type { DEPLOYMENT_SORTS, DeploymentsQuery } from './schemas';

export type DeploymentFilter = Omit<DeploymentsQuery, 'format' | 'limit' | 'cursor' | 'offset' | 'sort' | 'order'>;

const DEPLOYMENT_SORT_COLUMNS: Record<(typeof DEPLOYMENT_SORTS)[number], 'createdAt' | 'kind' | 'status' | 'finishedAt'> = {
  created_at: 'createdAt',
  kind: 'kind',
  status: 'status',
  finished_at: 'finishedAt',
};

export interface DeploymentRow {
  id: string;
  kind: string;
  status: string;
  node_id: number | null;
  node_name: string | null;
  cluster_id: number | null;
  cluster_name: string | null;
  current_step: string | null;
  error: string | null;
  requested_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
}

/** Cursor = the (createdAt, id) of the last row of the previous page, opaque to clients. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  if (!id || Number.isNaN(createdAt.getTime())) throw new ValidationError('The query is invalid', [{ field: 'query.cursor', message: 'not a cursor from this API' }]);
  return { createdAt, id };
}

function where(f: DeploymentFilter, cursor?: string): Prisma.DeploymentWhereInput {
  const and: Prisma.DeploymentWhereInput[] = [];
  if (f.kind) and.push({ kind: f.kind });
  if (f.status) and.push({ status: f.status });
  if (f.node_id) and.push({ nodeId: f.node_id });
  if (f.q) and.push({ OR: [{ node: { name: { contains: f.q, mode: 'insensitive' } } }, { cluster: { name: { contains: f.q, mode: 'insensitive' } } }] });
  if (f.from || f.to) and.push({ createdAt: { gte: f.from, lte: f.to } });
  if (cursor) {
    const c = decodeCursor(cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  return { AND: and };
}

type WithNames = Prisma.DeploymentGetPayload<{ include: { node: { select: { name: true } }; cluster: { select: { name: true } } } }>;

function toRow(d: WithNames): DeploymentRow {
  const end = d.finishedAt ?? null;
  const start = d.startedAt ?? d.createdAt;
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    node_id: d.nodeId,
    node_name: d.node?.name ?? null,
    cluster_id: d.clusterId,
    cluster_name: d.cluster?.name ?? null,
    current_step: d.currentStep,
    error: d.error,
    requested_by: d.requestedBy,
    created_at: d.createdAt.toISOString(),
    started_at: d.startedAt?.toISOString() ?? null,
    finished_at: end?.toISOString() ?? null,
    duration_seconds: end ? Math.round((end.getTime() - start.getTime()) / 1000) : null,
  };
}

type PageQuery = DeploymentFilter & Partial<Pick<DeploymentsQuery, 'cursor' | 'offset' | 'sort' | 'order'>> & { limit: number };

/**
 * One page of deployments and the total matching the filters. Default order: newest first, where
 * `cursor` (opaque) continues by keyset; `offset`, `sort` and `order` serve numbered pages.
 * `counted: false` skips the count (total -1) for exports.
 */
export async function listDeployments(query: PageQuery, { counted = true } = {}): Promise<{ deployments: DeploymentRow[]; next_cursor: string | null } & PageFacts> {
  const sort = query.sort ?? 'created_at';
  const order = query.order ?? 'desc';
  const offset = query.offset ?? 0;
  const orderBy = sort === 'created_at' ? [{ createdAt: order }, { id: order }] : [...orderByFor(DEPLOYMENT_SORT_COLUMNS, sort, order, 'createdAt'), { id: order }];
  const [rows, total] = await Promise.all([
    db.deployment.findMany({
      where: where(query, query.cursor),
      orderBy,
      skip: offset,
      take: query.limit + 1,
      include: { node: { select: { name: true } }, cluster: { select: { name: true } } },
    }),
    counted ? db.deployment.count({ where: where(query) }) : Promise.resolve(-1),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const keyset = sort === 'created_at' && order === 'desc';
  return {
    deployments: page.map(toRow),
    next_cursor: keyset && rows.length > query.limit && last ? encodeCursor(last) : null,
    total,
    offset,
    limit: query.limit,
    sort,
    order,
  };
}

/** Every matching deployment, page by page (for CSV export), up to `max`. */
export async function* allDeployments(filter: DeploymentFilter, max = 100_000): AsyncGenerator<DeploymentRow> {
  let cursor: string | undefined;
  let sent = 0;
  while (sent < max) {
    const page = await listDeployments({ ...filter, limit: 500, cursor }, { counted: false });
    for (const row of page.deployments) {
      if (sent++ >= max) return;
      yield row;
    }
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
