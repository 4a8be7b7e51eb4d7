/**
 * CPU profile of one server process under load: `npm run bench -- profile [boot-config|phase-callbacks|boot-images]`.
 * Starts the production server with WEB_CONCURRENCY=1 under `node --cpu-prof`, drives the path at
 * 64 connections (boot-images: 8 parallel 1 GiB downloads), stops the server (the profile is
 * written at exit) and prints self time by component (Next, Prisma, pg, pino, zod, the app's own code, GC, idle...).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageUrlPath, writeBenchImage } from './boot-images';
import { benchEnvironment, download, drive, inStep, pick, type RequestSpec } from './harness';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const COMPONENTS: [string, RegExp][] = [
  ['prisma client/engine', /@prisma|generated\/client|query_compiler|prisma/i],
  ['pg driver', /node_modules\/pg|pg-protocol|pg-pool/],
  ['pino logging', /pino|sonic-boom|thread-stream/],
  ['zod', /zod/],
  ['next server', /next\/dist|\.next\/server\/chunks\/ssr\/node_modules_next|\[turbopack\]_runtime/],
  ['react', /react/],
  ['app code', /\.next\/server\/chunks|app\/|lib\//],
];

export function summarize(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const { functionName, url } = node.callFrame;
    let key: string;
    if (functionName === '(idle)') key = '(idle)';
    else if (functionName === '(garbage collector)') key = 'garbage collector';
    else if (functionName === '(program)') key = '(program: native/V8)';
    else if (!url) key = `native: ${functionName || '(anonymous)'}`;
    else if (url.startsWith('node:')) key = 'node core (http, net, streams, crypto)';
    else key = COMPONENTS.find(([, re]) => re.test(url))?.[0] ?? `other: ${url.replace(/^.*node_modules\//, '')}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const busy = total - (self.get('(idle)') ?? 0);
  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`);
  const rows = [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 18);
  for (const [key, us] of rows) console.log(`  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
  // The functions themselves, for a component that dominates.
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame as ProfileNode['callFrame'] & { lineNumber?: number };
    if (functionName === '(idle)') return;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/\.next\//, '.next/')}:${lineNumber ?? ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log('  top functions (self time):');
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

export async function run() {
  const target = process.argv[3] ?? 'boot-config';
  const profDir = path.resolve('bench/results/profiles', `${target}-${Date.now()}`);
  process.env.WEB_CONCURRENCY = '1';
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'nvo-profile-'));
  const images = target === 'boot-images' ? { BOOT_IMAGES_DIR: writeBenchImage(scratch) } : undefined;
  const env = await benchEnvironment({ args: ['--cpu-prof', `--cpu-prof-dir=${profDir}`], env: images });
  let next: () => RequestSpec;
  if (target === 'phase-callbacks') {
    next = inStep(env.nodes, (node, s) => ({
      method: 'POST', path: '/api/status/phase', headers: { authorization: `Bearer ${node.token}` },
      body: JSON.stringify({ server_ip: node.managementIp, phase: 'ipxe_boot', status: s === 0 ? 'started' : 'in_progress', progress: s % 100, message: `step ${s}` }),
    }));
  } else {
    next = () => {
      const node = pick(env.nodes);
      return { path: `/boot/config?node_id=${node.id}&token=${node.token}` };
    };
  }
  try {
    if (images) {
      // Downloads instead of requests: 8 parallel, as the boot-images bench does.
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 8 }, () => download(env.server.port, imageUrlPath(env.nodes[0].token))));
      const bytes = results.reduce((s, r) => s + r.bytes, 0);
      console.log(`${target}: ${(bytes / 1024 / 1024 / ((performance.now() - started) / 1000)).toFixed(0)} MiB/s, statuses ${results.map((r) => r.status)}`);
    } else {
      const result = await drive(env.server.base, 64, next, Number(process.env.BENCH_SECONDS ?? 15));
      console.log(`${target}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}`);
    }
  } finally {
    await env.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  const files = readdirSync(profDir).map((f) => path.join(profDir, f));
  // The biggest profile is the server process (the others are the launcher and tsx).
  const sized = files.map((f) => ({ f, size: readFileSync(f).length })).sort((a, b) => b.size - a.size);
  summarize(sized[0].f);
}
