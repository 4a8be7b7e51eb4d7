import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/lib/db/embedded';

/** The peer address PostgreSQL sees for a connection made with `url`: null over a Unix socket. */
async function clientAddress(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ addr: string | null }>('SELECT inet_client_addr()::text AS addr')).rows[0].addr;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL connection', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('gives a URL through the Unix socket in its data directory, and still answers on TCP', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-sock-'));
    dirs.push(dir);
    const port = 45000 + Math.floor(Math.random() * 5000);
    const db = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port, persistent: false, database: 'nvo_sock' });
    try {
      expect(new URLSearchParams(db.url.split('?')[1]).get('host')).toBe(path.join(dir, 'pg'));
      expect(await clientAddress(db.url)).toBeNull();
      expect(await clientAddress(db.url.split('?')[0])).toBe('127.0.0.1/32');
    } finally {
      await db.stop();
    }
  });

  it('uses TCP when the socket path would be too long for the platform', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-sock-'));
    dirs.push(dir);
    const port = 45000 + Math.floor(Math.random() * 5000);
    await chmod(dir, 0o755); // the server's own OS user must reach the deeper folders
    const deep = path.join(dir, 'a-data-directory-whose-path-is-long'.repeat(3), 'pg');
    const db = await startEmbeddedPostgres({ dir: deep, port, persistent: false, database: 'nvo_sock' });
    try {
      expect(db.url).not.toContain('?host=');
      expect(await clientAddress(db.url)).toBe('127.0.0.1/32');
    } finally {
      await db.stop();
    }
  });
});
