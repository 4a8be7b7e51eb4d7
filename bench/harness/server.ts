import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isAlive, processTree } from './processes';

export interface BenchServer {
  base: string;
  port: number;
  /** The launcher's pid (npm start's process); the server processes are its descendants. */
  pid: number;
  /** Where the server's stdout/stderr went. */
  logFile: string;
  /** SIGTERM, wait for exit, and throw if any process of the tree is left behind. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitForHealth(base: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} did not become healthy`);
}

/**
 * Starts the production server exactly as `npm start` does (scripts/start.ts, this checkout's
 * `npm run build`), against an existing database. Per-address rate limits are raised: every
 * simulated node calls from 127.0.0.1, where a real rack calls from as many addresses as servers.
 */
export async function startProductionServer(opts: {
  databaseUrl: string;
  dir: string;
  concurrency: number;
  env?: Record<string, string>;
  /** Extra arguments for scripts/start.ts (e.g. --cpu-prof). */
  args?: string[];
  /** Node flags of the launcher process itself (tsx hands them to node). */
  nodeArgs?: string[];
}): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = path.join(opts.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(opts.dir, `server-${port}.log`);
  const out = openSync(logFile, 'a');
  const secret = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), ...(opts.nodeArgs ?? []), 'scripts/start.ts', ...(opts.args ?? [])], {
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: base,
      DATABASE_URL: opts.databaseUrl,
      DATA_DIR: dataDir,
      AUTH_SECRET: secret,
      ADMIN_PASSWORD: 'bench-admin-password-0123',
      WEB_CONCURRENCY: String(opts.concurrency),
      RUN_WORKERS: 'true',
      SIM_AUTOBOOT: 'false',
      RATE_LIMIT_BOOT_PER_MINUTE: '100000000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000000',
      RATE_LIMIT_API_PER_MINUTE: '100000000',
      ...opts.env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitForHealth(base),
      exited.then(() => {
        throw new Error(`the server exited during start-up:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
  const pid = child.pid!;
  return {
    base,
    port,
    pid,
    logFile,
    async stop() {
      const tree = processTree(pid);
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      for (let i = 0; i < 100 && tree.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
      const left = tree.filter(isAlive);
      if (left.length) {
        for (const p of left) process.kill(p, 'SIGKILL');
        throw new Error(`SIGTERM left processes behind: ${left.join(', ')}`);
      }
    },
  };
}
