import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

/** The configured DATABASE_URL, or a real embedded PostgreSQL under DATA_DIR/postgres. */
export async function resolveDatabase(config: {
  DATABASE_URL?: string;
  dataDir: string;
  EMBEDDED_PG_PORT: number;
}, log: (msg: string) => void, opts: { owner?: boolean } = {}): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dir: path.join(config.dataDir, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    persistent: true,
    log,
    portVariable: 'EMBEDDED_PG_PORT',
    adoptSurvivor: opts.owner,
  });
  log(`embedded PostgreSQL running on 127.0.0.1:${config.EMBEDDED_PG_PORT}, data in ${config.dataDir}/postgres`);
  return { url: embedded.url, embedded };
}
