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

const globalForPool = globalThis as unknown as { nvoPgPool?: pg.Pool };

/**
 * A plain `pg` pool for the hot paths (boot, node callbacks): named prepared statements, one
 * round trip each, no ORM work per request (see README "Performance"). Everything else uses Prisma.
 */
export function pgPool(): pg.Pool {
  if (!globalForPool.nvoPgPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: getConfig().DB_HOT_POOL_MAX, application_name: 'nvo-hot', types });
    // An idle connection the server closed (restart, failover) is replaced on next use; not a crash.
    pool.on('error', (err) => logger.warn({ err, component: 'db' }, 'idle database connection lost'));
    globalForPool.nvoPgPool = pool;
  }
  return globalForPool.nvoPgPool;
}

export async function closePgPool() {
  await globalForPool.nvoPgPool?.end();
  globalForPool.nvoPgPool = undefined;
}
