import { db, type Prisma } from '@/lib/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { costHint } from '../pricing';
import type { FindingsQuery } from '../schemas';

type Row = Prisma.DriftFindingGetPayload<object>;

export interface FindingView {
  id: number;
  kind: string;
  resource_kind: string;
  name: string;
  cloud_id: string | null;
  status: string;
  detail: string | null;
  node_id: number | null;
  profile: string | null;
  first_seen_at: string;
  last_seen_at: string;
  /** Since the cloud created it when known, else since we first saw it. */
  age_seconds: number;
  hourly_cost_usd: number;
  accrued_cost_usd: number;
  acknowledged_by: string | null;
  last_error: string | null;
}

export function toFindingView(f: Row, now = new Date()): FindingView {
  const since = f.cloudCreatedAt ?? f.firstSeenAt;
  const cost = f.kind === 'vanished' ? { hourly_usd: 0, accrued_usd: 0 } : costHint(f.resourceKind, f.profile, since, now);
  return {
    id: f.id, kind: f.kind, resource_kind: f.resourceKind, name: f.name, cloud_id: f.cloudId, status: f.status, detail: f.detail,
    node_id: f.nodeId, profile: f.profile, first_seen_at: f.firstSeenAt.toISOString(), last_seen_at: f.lastSeenAt.toISOString(),
    age_seconds: Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)),
    hourly_cost_usd: cost.hourly_usd, accrued_cost_usd: cost.accrued_usd,
    acknowledged_by: f.acknowledgedBy, last_error: f.lastError,
  };
}

export async function listFindings(query: Pick<FindingsQuery, 'status' | 'kind'>, take = 1000): Promise<FindingView[]> {
  const status = query.status === 'unresolved' ? { in: ['open', 'acknowledged', 'cleaning'] } : query.status;
  const rows = await db.driftFinding.findMany({ where: { status, kind: query.kind }, orderBy: [{ firstSeenAt: 'asc' }, { id: 'asc' }], take });
  const now = new Date();
  return rows.map((r) => toFindingView(r, now));
}

export async function getFinding(id: number): Promise<Row> {
  const f = await db.driftFinding.findUnique({ where: { id } });
  if (!f) throw new NotFoundError(`Drift finding ${id} does not exist`);
  return f;
}

/** An operator says "known, leave it": the finding stays listed but is no longer open. */
export async function acknowledgeFinding(id: number, by: string): Promise<FindingView> {
  const f = await getFinding(id);
  if (f.status === 'resolved') throw new ConflictError(`Drift finding ${id} is already resolved`);
  const updated = await db.driftFinding.update({ where: { id }, data: { status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: new Date() } });
  return toFindingView(updated);
}

const CSV_COLUMNS: (keyof FindingView)[] = [
  'id', 'kind', 'resource_kind', 'name', 'cloud_id', 'status', 'detail', 'node_id', 'profile',
  'first_seen_at', 'last_seen_at', 'age_seconds', 'hourly_cost_usd', 'accrued_cost_usd', 'acknowledged_by', 'last_error',
];

/** RFC 4180 field; a leading =,+,-,@ is prefixed with ' so spreadsheets do not run it as a formula. */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function findingsCsv(findings: FindingView[]): string {
  const lines = [CSV_COLUMNS.join(','), ...findings.map((f) => CSV_COLUMNS.map((c) => csvField(f[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
