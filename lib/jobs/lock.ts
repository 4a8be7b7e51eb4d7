import pg from 'pg';
import { databaseUrl } from '@/lib/config/runtime';

const g = globalThis as unknown as { lockPool?: pg.Pool; heldLocks?: Set<string> };

/**
 * One connection holds every advisory lock of this process: session locks on different keys
 * share a session, so a hundred deployments advancing at once cost one connection, not a
 * hundred. It never idles out (that would drop the locks it holds).
 */
function pool(): pg.Pool {
  if (!g.lockPool) {
    g.lockPool = new pg.Pool({ connectionString: databaseUrl(), max: 1, idleTimeoutMillis: 0, application_name: 'nvo-locks' });
    // A lost connection loses its locks with it; the next query opens a new one.
    g.lockPool.on('error', () => {});
  }
  return g.lockPool;
}

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock on `key`, across every process.
 * Returns `{ acquired: false }` at once when another holder has it. A session may take its own
 * lock again, so holders inside this process are refused by `held` before PostgreSQL is asked.
 * The lock lives on the process's lock connection: a process that dies releases it with that connection.
 */
export async function withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; result: T } | { acquired: false }> {
  const held = (g.heldLocks ??= new Set());
  if (held.has(key)) return { acquired: false };
  held.add(key);
  try {
    const { rows } = await pool().query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
    if (!rows[0]?.ok) return { acquired: false };
    try {
      return { acquired: true, result: await fn() };
    } finally {
      await pool().query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    held.delete(key);
  }
}

export async function closeLockPool() {
  await g.lockPool?.end();
  g.lockPool = undefined;
}
