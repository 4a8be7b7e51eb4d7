import type pg from 'pg';
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

async function inOneTransaction(queries: pg.QueryConfig[]): Promise<pg.QueryResult[]> {
  const client = await pgWritePool().connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const results: pg.QueryResult[] = [];
    for (const q of queries) results.push(await client.query(q));
    await client.query('COMMIT');
    return results;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
