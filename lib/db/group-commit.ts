import pg from 'pg';
import { HOT_WRITE_CONNECTIONS, pgWritePool } from './pg-pool';

/**
 * Group commit for the hot write of node callbacks: statements that arrive while earlier ones are
 * being committed are run together in one transaction on one connection, so a burst of callbacks
 * costs one commit (one WAL flush) instead of one each. Each caller is answered only after that
 * COMMIT: acknowledged still means committed. A statement alone runs as it always did (autocommit,
 * one round trip). Statements must be idempotent (the callbacks' idempotency keys make them so):
 * when a batch fails, each statement is run again on its own, so one bad statement cannot fail the
 * others.
 */
interface Pending {
  query: pg.QueryConfig;
  /** Rows are locked in this order in every batch, so two batches cannot deadlock. */
  order: number;
  resolve: (result: pg.QueryResult) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 100;
const queue: Pending[] = [];
let inFlight = 0;

export function groupCommit<R extends pg.QueryResultRow>(query: pg.QueryConfig, order: number): Promise<pg.QueryResult<R>> {
  return new Promise((resolve, reject) => {
    queue.push({ query, order, resolve: resolve as Pending['resolve'], reject });
    drain();
  });
}

/** Batches in flight at once: one per connection of the write pool. */
function maxInFlight(): number {
  return HOT_WRITE_CONNECTIONS;
}

function drain() {
  while (queue.length && inFlight < maxInFlight()) {
    const batch = queue.splice(0, MAX_BATCH).sort((a, b) => a.order - b.order);
    inFlight++;
    void run(batch).finally(() => {
      inFlight--;
      drain();
    });
  }
}

async function run(batch: Pending[]) {
  if (batch.length === 1) return alone(batch[0]);
  let results: pg.QueryResult[];
  try {
    results = await inOneTransaction(batch.map((p) => p.query));
  } catch {
    for (const p of batch) await alone(p);
    return;
  }
  batch.forEach((p, i) => p.resolve(results[i]));
}

async function alone(p: Pending) {
  try {
    p.resolve(await pgWritePool().query(p.query));
  } catch (err) {
    p.reject(err);
  }
}

/** Server-side names of the statements batches run, by text; each is prepared once per connection. */
const statementNames = new Map<string, string>();
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `group_commit_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * One round trip for the whole transaction: node-postgres sends one statement per round trip, so
 * BEGIN, each statement and COMMIT would cost a round trip each (the bulk of a callback's database
 * CPU). Instead each statement is prepared on the connection once (SQL PREPARE, so its plan is
 * kept as before) and the batch goes as one simple-protocol message of EXECUTEs, with the values
 * as escaped literals.
 */
async function inOneTransaction(queries: pg.QueryConfig[]): Promise<pg.QueryResult[]> {
  const client = await pgWritePool().connect();
  let broken = false;
  try {
    const names = queries.map((q) => statementName(q.text));
    const prepared = preparedOn.get(client) ?? new Set<string>();
    preparedOn.set(client, prepared);
    for (const [i, name] of names.entries()) {
      if (prepared.has(name)) continue;
      await client.query(`PREPARE ${name} AS ${queries[i].text}`);
      prepared.add(name);
    }
    const executes = queries.map((q, i) => `EXECUTE ${names[i]}${argumentsOf(q.values ?? [])}`);
    const results = (await client.query(['BEGIN', ...executes, 'COMMIT'].join(';\n'))) as unknown as pg.QueryResult[];
    return results.slice(1, -1);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

function argumentsOf(values: unknown[]): string {
  return values.length ? `(${values.map(literal).join(', ')})` : '';
}

/** A bound value as SQL text: what the extended protocol would have sent, quoted (untyped, so the parameter's type applies). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return pg.escapeLiteral(String(value));
  // Statements that bind dates, buffers or arrays run alone (see run: a failed batch goes one by one).
  throw new TypeError(`group commit binds strings, numbers and booleans, not ${Object.prototype.toString.call(value)}`);
}
