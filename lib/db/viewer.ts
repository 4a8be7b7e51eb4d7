import { MalformedError } from '@/lib/errors';
import { db } from './client';

/**
 * The read-only database viewer (Admin → Database, /api/web/database-*). Tables are the app's
 * own Prisma models, named as in prisma/schema.prisma and taken from Prisma's runtime data
 * model; every read goes through the model's delegate, so no name from a request ever reaches
 * SQL. Secret columns (hashes, sealed values) are left out everywhere, and JSON values have
 * secret-looking keys masked.
 */

type RuntimeField = { name: string; kind: string; type: string };
type RuntimeModel = { fields: RuntimeField[] };
type Delegate = {
  count(): Promise<number>;
  findMany(args: Record<string, unknown>): Promise<Record<string, unknown>[]>;
};

export interface ViewerColumn {
  name: string;
  type: string;
}

const SECRET_COLUMN = /hash|sealed|secret|password/i;
const SECRET_KEY = /password|secret|token|hash|sealed|api_?key|private/i;
const EXPORT_BATCH = 500;

function models(): Record<string, RuntimeModel> {
  return (db as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })._runtimeDataModel.models;
}

export function viewerTableNames(): string[] {
  return Object.keys(models()).sort();
}

/** Visible scalar columns of a model, in schema order; the first is the model's id. */
function columnsOf(model: RuntimeModel): ViewerColumn[] {
  return model.fields.filter((f) => f.kind !== 'object' && !SECRET_COLUMN.test(f.name)).map((f) => ({ name: f.name, type: f.type }));
}

function resolveTable(table: string): { name: string; columns: ViewerColumn[]; delegate: Delegate } {
  const all = models();
  if (!Object.hasOwn(all, table)) {
    throw new MalformedError(`No table named ${JSON.stringify(table)}`, [{ field: 'table', message: `one of ${viewerTableNames().join(', ')}` }]);
  }
  const delegate = (db as unknown as Record<string, Delegate>)[table[0].toLowerCase() + table.slice(1)];
  return { name: table, columns: columnsOf(all[table]), delegate };
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '(hidden)' : mask(v)]));
  }
  return value;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return mask(value);
}

function rowOf(columns: ViewerColumn[], record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c.name, plain(record[c.name])]));
}

function selectOf(columns: ViewerColumn[]) {
  return Object.fromEntries(columns.map((c) => [c.name, true]));
}

export async function listViewerTables(): Promise<{ tables: { name: string; rows: number }[] }> {
  const tables = [];
  for (const name of viewerTableNames()) tables.push({ name, rows: await resolveTable(name).delegate.count() });
  return { tables };
}

export function viewerSchema(): { tables: { name: string; columns: ViewerColumn[] }[] } {
  return { tables: viewerTableNames().map((name) => ({ name, columns: resolveTable(name).columns })) };
}

export async function viewTable(q: { table: string; limit: number; offset: number; sort?: string }) {
  const { name, columns, delegate } = resolveTable(q.table);
  const sort = q.sort ?? columns[0].name;
  const column = sort.replace(/^-/, '');
  if (!columns.some((c) => c.name === column && c.type !== 'Json')) {
    throw new MalformedError(`Cannot sort ${name} by ${JSON.stringify(sort)}`, [
      { field: 'sort', message: `a column of ${name}, optionally prefixed with - for descending` },
    ]);
  }
  const orderBy = column === columns[0].name ? [{ [column]: sort.startsWith('-') ? 'desc' : 'asc' }]
    : [{ [column]: sort.startsWith('-') ? 'desc' : 'asc' }, { [columns[0].name]: 'asc' }];
  const [total, records] = await Promise.all([
    delegate.count(),
    delegate.findMany({ select: selectOf(columns), orderBy, take: q.limit, skip: q.offset }),
  ]);
  return { table: name, columns, total, limit: q.limit, offset: q.offset, sort, rows: records.map((r) => rowOf(columns, r)) };
}

/** Every row of a table in id order, fetched in batches by keyset (never the whole table at once). */
export function exportTable(table: string): { name: string; columns: ViewerColumn[]; rows: AsyncIterable<Record<string, unknown>> } {
  const { name, columns, delegate } = resolveTable(table);
  const id = columns[0].name;
  async function* rows() {
    let after: unknown;
    for (;;) {
      const batch = await delegate.findMany({
        select: selectOf(columns),
        orderBy: { [id]: 'asc' },
        take: EXPORT_BATCH,
        ...(after === undefined ? {} : { cursor: { [id]: after }, skip: 1 }),
      });
      for (const record of batch) yield rowOf(columns, record);
      if (batch.length < EXPORT_BATCH) return;
      after = batch[batch.length - 1][id];
    }
  }
  return { name, columns, rows: rows() };
}
