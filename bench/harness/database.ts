import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';

export interface BenchDatabase {
  url: string;
  /** A scratch folder for the run (images, data dir); removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/** A fresh, migrated embedded PostgreSQL in a temporary folder, on a free-ish high port. */
export async function freshDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nvo-bench-'));
  const port = 40000 + Math.floor(Math.random() * 20000);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port, persistent: false, database: 'nvo_bench' });
  await migrateDatabase(pg.url);
  return {
    url: pg.url,
    dir,
    async stop() {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
