/**
 * The benchmark harness every bench/ script uses: a fresh embedded database, seeded nodes (and
 * events), the production server as `npm start` runs it, a load driver and the static-asset
 * ceiling measured on the same server in the same run, and a table + JSON report with the commit.
 */
import { cpus } from 'node:os';
import { freshDatabase, type BenchDatabase } from './database';
import { connectionLevels, drive, staticCeiling, type RequestSpec } from './load';
import { sampleDatabaseWaits } from './pg-waits';
import { writeReport, type BenchRow } from './report';
import { seedEvents, seedNodes, type SeededNode } from './seed';
import { startProductionServer, type BenchServer } from './server';

export * from './database';
export * from './download';
export * from './load';
export * from './nginx';
export * from './processes';
export * from './report';
export * from './seed';
export * from './server';

export interface BenchEnvironment {
  db: BenchDatabase;
  nodes: SeededNode[];
  server: BenchServer;
  concurrency: number;
  stop(): Promise<void>;
}

/** WEB_CONCURRENCY for the bench's server (default: the number of cores, like npm start). */
export function benchConcurrency(): number {
  return Number(process.env.WEB_CONCURRENCY ?? cpus().length);
}

/** Fresh database, `nodes` seeded nodes (and `events` timeline events), production server running. */
export async function benchEnvironment(opts: { nodes?: number; events?: number; env?: Record<string, string>; args?: string[] } = {}): Promise<BenchEnvironment> {
  const db = await freshDatabase();
  try {
    const nodes = await seedNodes(db.url, opts.nodes ?? 10_000);
    if (opts.events) await seedEvents(db.url, opts.events);
    const concurrency = benchConcurrency();
    const server = await startProductionServer({ databaseUrl: db.url, dir: db.dir, concurrency, env: opts.env, args: opts.args });
    return {
      db,
      nodes,
      server,
      concurrency,
      async stop() {
        try {
          await server.stop();
        } finally {
          await db.stop();
        }
      },
    };
  } catch (err) {
    await db.stop();
    throw err;
  }
}

/** A random element (each request names a random node). */
export function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

/** Pause before a static-asset ceiling, for the work an earlier level left behind to drain. */
const SETTLE_MS = 5000;

/**
 * The common shape of a rate bench: warm up, then at each connection level measure the static
 * asset on the settled server (the ceiling: what it can do, not what it can do while still
 * writing an earlier level's telemetry) and drive `next`; report rows with the ratio. Returns the
 * rows.
 */
export async function rateBench(name: string, env: BenchEnvironment, label: string, next: () => RequestSpec, extra: Record<string, unknown> = {}): Promise<BenchRow[]> {
  await drive(env.server.base, 8, next, 2);
  await staticCeiling(env.server.base, 8);
  const rows: BenchRow[] = [];
  for (const connections of connectionLevels()) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const ceiling = await staticCeiling(env.server.base, connections);
    const waits = process.env.BENCH_PG_WAITS === '1' ? sampleDatabaseWaits(env.db.url) : undefined;
    const result = await drive(env.server.base, connections, next);
    const databaseWaits = await waits?.stop();
    if (databaseWaits) console.log(`database sessions at ${connections} connections (summed over ${databaseWaits.samples} samples):`, databaseWaits);
    rows.push({ label, ...result, ceilingRps: ceiling.rps, ceilingP99: ceiling.p99, ...(databaseWaits && { databaseWaits }) });
  }
  writeReport(name, rows, { webConcurrency: env.concurrency, nodes: env.nodes.length, ...extra });
  return rows;
}

/**
 * Requests that walk every node through a sequence in step: request k goes to node k mod N with
 * step floor(k / N), so no two requests in flight (fewer than N) name the same node and each
 * node's reports arrive in order. `step(node, s)` builds step s (s grows without bound).
 */
export function inStep<T>(nodes: SeededNode[], step: (node: SeededNode, s: number) => T): () => T {
  let k = 0;
  return () => {
    const i = k++;
    return step(nodes[i % nodes.length], Math.floor(i / nodes.length));
  };
}
