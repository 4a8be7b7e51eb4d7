/**
 * Benchmark: a 1 GiB boot image downloaded by 8 clients in parallel from the production server
 * (`npm start` of this checkout's build, WEB_CONCURRENCY processes, a node's token in the URL) and,
 * in the same run, from Debian's nginx serving the same file with sendfile (as many workers as
 * the app has processes), rounds alternating between the two. The client is the same for both and
 * throws the data away for almost nothing (harness/download.ts; its CPU time is reported). Also
 * samples the app's resident memory (all its processes) every 100 ms: streaming must keep it flat.
 * Target (issue 13): app ≥ 0.5× nginx's throughput, RSS growth < 64 MiB.
 * Run: npm run build && npm run bench -- boot-images   (BENCH_CLIENTS, BENCH_SIZE_MIB, BENCH_ROUNDS)
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import {
  benchConcurrency, download, freshDatabase, seedNodes, startProductionServer, startStaticNginx, treeCpuSeconds, treeRss, writeResult,
} from './harness';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SIZE_MIB = Number(process.env.BENCH_SIZE_MIB ?? 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MiB = 1024 * 1024;
const SIZE = SIZE_MIB * MiB;
const FILE = 'squashfs.img';

interface Round {
  server: 'app' | 'nginx';
  round: number;
  seconds: number;
  mibPerSecond: number;
  /** CPU seconds the server's processes used during the downloads. */
  serverCpu: number;
  /** CPU seconds the client (this process) used during the downloads. */
  clientCpu: number;
  rssBefore: number;
  rssPeak: number;
  /** Every answer said Content-Length (else it came chunked: no size for the client up front). */
  contentLength: boolean;
  complete: boolean;
}

/**
 * `dir`/images/squashfs.img: a real (not sparse) file of random data, so both servers read pages
 * like an image's; readable by all (nginx's workers drop to nobody when this runs as root).
 * Returns the images folder.
 */
export function writeBenchImage(dir: string): string {
  chmodSync(dir, 0o755);
  const imagesDir = path.join(dir, 'images');
  mkdirSync(imagesDir, { mode: 0o755 });
  const block = randomBytes(MiB);
  const fd = openSync(path.join(imagesDir, FILE), 'w', 0o644);
  for (let i = 0; i < SIZE_MIB; i++) writeSync(fd, block);
  closeSync(fd);
  return imagesDir;
}

/** Where the bench image is served for `token`. */
export const imageUrlPath = (token: string) => `/boot/images/${FILE}?token=${token}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(server: Round['server'], round: number, pid: number, port: number, pathname: string): Promise<Round> {
  const rssBefore = treeRss(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, treeRss(pid))), 100);
  const cpuBefore = treeCpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: CLIENTS }, () => download(port, pathname)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, treeRss(pid));
  const client = process.cpuUsage(clientBefore);
  const total = results.reduce((s, r) => s + r.bytes, 0);
  return {
    server,
    round,
    seconds,
    mibPerSecond: total / MiB / seconds,
    serverCpu: treeCpuSeconds(pid) - cpuBefore,
    clientCpu: (client.user + client.system) / 1e6,
    rssBefore,
    rssPeak,
    contentLength: results.every((r) => r.length === SIZE),
    complete: results.every((r) => r.status === 200 && (r.length === SIZE ? r.bytes === SIZE : r.terminated && r.bytes > SIZE)),
  };
}

export async function run() {
  const db = await freshDatabase();
  const concurrency = benchConcurrency();
  const imagesDir = writeBenchImage(db.dir);
  let app: Awaited<ReturnType<typeof startProductionServer>> | undefined;
  let nginx: Awaited<ReturnType<typeof startStaticNginx>> | undefined;
  try {
    const [node] = await seedNodes(db.url, 1);
    app = await startProductionServer({ databaseUrl: db.url, dir: db.dir, concurrency, env: { BOOT_IMAGES_DIR: imagesDir, LOG_LEVEL: 'warn' } });
    nginx = await startStaticNginx({ dir: imagesDir, urlPrefix: '/boot/images/', workDir: db.dir, processes: concurrency });
    const pathname = imageUrlPath(node.token);
    const servers = { app: { pid: app.pid, port: app.port }, nginx: { pid: nginx.pid, port: nginx.port } };
    // Warm-up: every app process loads the route (connections go round robin); 1 MiB ranges suffice.
    for (const s of Object.values(servers)) {
      const warm = await Promise.all(Array.from({ length: 2 * concurrency }, () => download(s.port, pathname, { range: `bytes=0-${MiB - 1}` })));
      if (!warm.every((w) => w.status === 206 && (w.bytes === MiB || w.terminated))) throw new Error(`warm-up failed: ${JSON.stringify(warm)}`);
    }
    const appIdle = treeRss(app.pid);
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of ['app', 'nginx'] as const) {
        rounds.push(await measure(server, round, servers[server].pid, servers[server].port, pathname));
      }
    }
    report(rounds, appIdle, concurrency);
    if (!rounds.every((r) => r.complete)) process.exitCode = 1;
  } finally {
    await nginx?.stop().catch(() => {});
    await app?.stop().catch((err) => console.error(err));
    await db.stop();
  }
}

function report(rounds: Round[], appIdle: number, concurrency: number) {
  const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
  const gib = (SIZE * CLIENTS) / (1024 * MiB);
  const lines = [
    `| server | round | MiB/s | wall | server CPU | server CPU per GiB | client CPU | server RSS before → peak | Content-Length | complete |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rounds.map(
      (r) =>
        `| ${r.server} | ${r.round} | ${r.mibPerSecond.toFixed(0)} | ${r.seconds.toFixed(1)} s | ${r.serverCpu.toFixed(1)} s | ${(r.serverCpu / gib).toFixed(2)} s | ${r.clientCpu.toFixed(1)} s | ${mib(r.rssBefore)} → ${mib(r.rssPeak)} | ${r.contentLength ? 'yes' : 'no (chunked)'} | ${r.complete} |`,
    ),
  ];
  const of = (server: Round['server']) => rounds.filter((r) => r.server === server);
  const appRate = median(of('app').map((r) => r.mibPerSecond));
  const nginxRate = median(of('nginx').map((r) => r.mibPerSecond));
  const ratio = appRate / nginxRate;
  const rssGrowth = Math.max(...of('app').map((r) => r.rssPeak)) - appIdle;
  const summary = {
    clients: CLIENTS,
    sizeMiB: SIZE_MIB,
    rounds: ROUNDS,
    webConcurrency: concurrency,
    appMiBps: Math.round(appRate),
    nginxMiBps: Math.round(nginxRate),
    ratio: Number(ratio.toFixed(2)),
    appRssAfterWarmUpMiB: Math.round(appIdle / MiB),
    appRssGrowthMiB: Math.round(rssGrowth / MiB),
    targets: { ratioAtLeastHalf: ratio >= 0.5, rssGrowthUnder64MiB: rssGrowth < 64 * MiB },
  };
  lines.push(
    '',
    `${CLIENTS} parallel downloads of ${SIZE_MIB} MiB per round, WEB_CONCURRENCY=${concurrency} (nginx: ${concurrency} workers, sendfile on).`,
    `median: app ${summary.appMiBps} MiB/s, nginx ${summary.nginxMiBps} MiB/s, ratio ${summary.ratio}× (target ≥ 0.5×)`,
    `app RSS (all processes): ${summary.appRssAfterWarmUpMiB} MiB after warm-up, growth to the peak of any round ${summary.appRssGrowthMiB} MiB (target < 64 MiB)`,
  );
  writeResult('boot-images', lines.join('\n'), { ...summary, rows: rounds });
}
