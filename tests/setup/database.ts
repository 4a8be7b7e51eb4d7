import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../lib/db/embedded';
import { migrateDatabase } from '../../lib/db/migrate';

/**
 * Vitest global setup: a real PostgreSQL for the integration tests. With DATABASE_URL set, a
 * fresh database is created on that server (and dropped afterwards); otherwise a throwaway
 * embedded server is started. Workers inherit DATABASE_URL through the environment.
 */
export default async function setup() {
  let embedded: EmbeddedDatabase | undefined;
  let tmpDir: string | undefined;
  let dropUrl: { admin: string; name: string } | undefined;
  if (process.env.DATABASE_URL) {
    const name = `nvo_test_${randomBytes(4).toString('hex')}`;
    const admin = process.env.DATABASE_URL;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropUrl = { admin, name };
  } else {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'nvo-test-pg-'));
    const port = 55000 + Math.floor(Math.random() * 5000);
    embedded = await startEmbeddedPostgres({ dir: path.join(tmpDir, 'pg'), port, persistent: false, database: 'nvo_test' });
    process.env.DATABASE_URL = embedded.url;
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  return async () => {
    if (embedded) await embedded.stop();
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
    if (dropUrl) {
      const client = new pg.Client({ connectionString: dropUrl.admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${dropUrl.name}" WITH (FORCE)`);
      await client.end();
    }
  };
}
