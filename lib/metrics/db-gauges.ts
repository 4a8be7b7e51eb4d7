import { db } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { COUNTED_NODE_STATUSES } from '@/lib/status/node-statuses';
import type { Metrics } from './registry';

/** pg-boss keeps its jobs in this schema (its default). */
const PGBOSS_SCHEMA = 'pgboss';

/** Refreshes the gauges read from PostgreSQL at scrape time: nodes, deployments, queue depth. */
export async function collectDatabaseGauges(m: Metrics) {
  const [nodes, deployments] = await Promise.all([
    db.node.groupBy({ by: ['status'], _count: { _all: true } }),
    db.deployment.groupBy({ by: ['kind', 'status'], _count: { _all: true } }),
  ]);
  m.nodes.reset();
  for (const status of COUNTED_NODE_STATUSES) m.nodes.set({ status }, 0);
  for (const g of nodes) m.nodes.set({ status: g.status }, g._count._all);
  m.deployments.reset();
  for (const g of deployments) m.deployments.set({ kind: g.kind, status: g.status }, g._count._all);
  await collectQueueDepth(m);
}

async function collectQueueDepth(m: Metrics) {
  m.queueDepth.reset();
  try {
    const [exists] = await db.$queryRaw<{ table: string | null }[]>`SELECT to_regclass(${`${PGBOSS_SCHEMA}.job`})::text AS table`;
    if (!exists?.table) return;
    const rows = await db.$queryRawUnsafe<{ name: string; depth: number }[]>(
      `SELECT name, count(*)::int AS depth FROM ${PGBOSS_SCHEMA}.job WHERE state IN ('created', 'retry') GROUP BY name`,
    );
    for (const r of rows) m.queueDepth.set({ queue: r.name }, r.depth);
  } catch (err) {
    logger.warn({ err }, 'could not read pg-boss queue depth');
  }
}
