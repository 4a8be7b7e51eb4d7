import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as an operator runs it: real processes, real ports, a real embedded PostgreSQL.
 * Every failure must name its cause and the variable that fixes it, and SIGTERM must not leave
 * PostgreSQL running.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const started: ChildProcess[] = [];
const dirs: string[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function occupy(port: number, host = '127.0.0.1'): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-start-'));
  dirs.push(dir);
  // The embedded server runs as an unprivileged user (we may be root); it must reach its directory.
  await chmod(dir, 0o755);
  return path.join(dir, 'data');
}

function npmStart(env: Record<string, string>) {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    async waitFor(pattern: RegExp, ms = 60_000) {
      const until = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`never saw ${pattern}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL server processes whose command line names this data directory. */
function postgresProcessesFor(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmd.includes('postgres') && cmd.includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) {
    for (const pid of postgresProcessesFor(dir)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

describe('npm start', () => {
  it('names EMBEDDED_PG_PORT when the embedded PostgreSQL port is taken', async () => {
    const pgPort = await freePort();
    const blocker = await occupy(pgPort);
    try {
      const run = npmStart({ DATA_DIR: await dataDir(), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
      expect(await run.exited).not.toBe(0);
      expect(run.output()).toContain(`EMBEDDED_PG_PORT`);
      expect(run.output()).toContain(`port ${pgPort} is already in use`);
      expect(run.output()).not.toMatch(/^undefined$/m);
    } finally {
      blocker.close();
    }
  }, 90_000);

  it('names PORT when the web port is taken', async () => {
    const port = await freePort();
    const blocker = await occupy(port, '0.0.0.0');
    try {
      const run = npmStart({ DATA_DIR: await dataDir(), PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()) });
      expect(await run.exited).not.toBe(0);
      expect(run.output()).toContain(`port ${port} is already in use`);
      expect(run.output()).toMatch(/set PORT/);
    } finally {
      blocker.close();
    }
  }, 90_000);

  it('reports a DATA_DIR in use by a running instance, and SIGTERM leaves no PostgreSQL behind', async () => {
    const dir = await dataDir();
    const first = npmStart({ DATA_DIR: dir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    await first.waitFor(/embedded PostgreSQL running/);
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(alive(postmaster)).toBe(true);

    const second = npmStart({ DATA_DIR: dir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/DATA_DIR .* is in use by a running instance \(pid \d+, PORT \d+\)/);

    first.child.kill('SIGTERM');
    await first.exited;
    const until = Date.now() + 10_000;
    while (alive(postmaster) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(alive(postmaster), first.output()).toBe(false);
    expect(postgresProcessesFor(dir)).toEqual([]);
  }, 120_000);
});
