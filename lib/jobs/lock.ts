import pg from 'pg';
import { databaseUrl } from '@/lib/config/runtime';

const g = globalThis as unknown as { lockPool?: pg.Pool };

function pool(): pg.Pool {
  g.lockPool ??= new pg.Pool({ connectionString: databaseUrl(), max: 4, application_name: 'nvo-locks' });
  return g.lockPool;
}

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock on `key`, across every process.
 * Returns `{ acquired: false }` at once when another holder has it. The lock lives on its own
 * connection, so a process that dies mid-way releases it with that connection.
 */
export async function withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; result: T } | { acquired: false }> {
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
    if (!rows[0]?.ok) return { acquired: false };
    try {
      return { acquired: true, result: await fn() };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

export async function closeLockPool() {
  await g.lockPool?.end();
  g.lockPool = undefined;
}
