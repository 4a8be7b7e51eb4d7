import pg from 'pg';
import { getConfig } from '@/lib/config';
import { databaseUrl } from '@/lib/config/runtime';
import { logger } from '@/lib/log/logger';

// Prisma keeps DateTime in `timestamp(3)` columns as UTC: read them back as UTC (pg's default would
// take them as local time). Write dates as ISO strings (toISOString) for the same reason.
const TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const globalForPool = globalThis as unknown as { nvoPgPool?: pg.Pool; nvoPgWritePool?: pg.Pool };

/** Connections of the hot write pool: the shared commits of node reports and boot telemetry. */
export const HOT_WRITE_CONNECTIONS = 2;

function newPool(max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max, application_name: name, types });
  // An idle connection the server closed (restart, failover) is replaced on next use; not a crash.
  pool.on('error', (err) => logger.warn({ err, component: 'db' }, 'idle database connection lost'));
  return pool;
}

/**
 * A plain `pg` pool for the hot paths (boot, node callbacks): named prepared statements, one
 * round trip each, no ORM work per request (see README "Performance"). Everything else uses Prisma.
 */
export function pgPool(): pg.Pool {
  globalForPool.nvoPgPool ??= newPool(getConfig().DB_HOT_POOL_MAX, 'nvo-hot');
  return globalForPool.nvoPgPool;
}

/**
 * The hot paths' writes (lib/db/group-commit.ts, boot telemetry) get connections of their own: a
 * shared commit holds its connection for a batch of statements, and a boot request that misses
 * its cache must not queue behind it for a read.
 */
export function pgWritePool(): pg.Pool {
  globalForPool.nvoPgWritePool ??= newPool(HOT_WRITE_CONNECTIONS, 'nvo-hot-write');
  return globalForPool.nvoPgWritePool;
}

export async function closePgPool() {
  await Promise.all([globalForPool.nvoPgPool?.end(), globalForPool.nvoPgWritePool?.end()]);
  globalForPool.nvoPgPool = undefined;
  globalForPool.nvoPgWritePool = undefined;
}
