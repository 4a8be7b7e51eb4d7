/**
 * Benchmark: a 1 GiB (sparse) boot image downloaded by 8 clients in parallel from the production
 * app (`next start` of this checkout's build, real PostgreSQL), sampling the server's RSS every
 * 100 ms. Streaming must keep memory flat: the peak should stay far below one copy of the file.
 * Run: npm run build && npm run bench -- boot-images   (BENCH_CLIENTS, BENCH_SIZE_MIB to vary)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { treeRss } from './harness/processes';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SIZE = Number(process.env.BENCH_SIZE_MIB ?? 1024) * 1024 * 1024;
const PORT = 20000 + Math.floor(Math.random() * 10000);
const MiB = 1024 * 1024;

function download(url: string, headers: Record<string, string> = {}): Promise<{ bytes: number; ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, ms: performance.now() - started, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function waitForHealth(base: string) {
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not become healthy');
}

export async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nvo-bench-'));
  const imagesDir = path.join(dir, 'images');
  mkdirSync(imagesDir);
  const fd = openSync(path.join(imagesDir, 'squashfs.img'), 'w');
  ftruncateSync(fd, SIZE);
  closeSync(fd);

  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: PORT + 1, persistent: false, database: 'nvo_bench' });
  process.env.DATABASE_URL = pg.url;
  await migrateDatabase(pg.url);
  const { db } = await import('@/lib/db/client');
  const { issueNodeToken } = await import('@/lib/auth/node-tokens');
  const node = await db.node.create({ data: { name: 'bench-node', serverProfile: 'bx2d-metal-96x384', status: 'deploying', managementIp: '10.240.0.10' } });
  const token = await issueNodeToken(node.id);

  const secret = randomBytes(32).toString('hex');
  const server = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: pg.url, BOOT_IMAGES_DIR: imagesDir, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, RUN_WORKERS: 'false', LOG_LEVEL: 'warn', PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}` },
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHealth(base);
    const url = `${base}/boot/images/squashfs.img?token=${token}`;
    // Warm-up: the first request loads the route; a 1 MiB range is enough.
    await download(url, { range: `bytes=0-${MiB - 1}` });
    const idle = treeRss(server.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.pid!))), 100);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: CLIENTS }, () => download(url)));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const total = results.reduce((s, r) => s + r.bytes, 0);
    const complete = results.every((r) => r.status === 200 && r.bytes === SIZE);
    console.log(`boot-images: ${CLIENTS} × ${(SIZE / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${(total / MiB / seconds).toFixed(0)} MiB/s total), all complete: ${complete}`);
    console.log(`server RSS: after warm-up ${(idle / MiB).toFixed(0)} MiB, peak during downloads ${(peak / MiB).toFixed(0)} MiB (+${((peak - idle) / MiB).toFixed(0)} MiB)`);
    if (!complete) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db.$disconnect();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
