/**
 * Benchmark: time to first byte (and to the last byte) of the Nodes, Dashboard and Deployments
 * pages and the JSON the Nodes page and dashboard poll, signed in as the admin, with 100 nodes and
 * 10,000 events, then 10,000 nodes and 1,000,000 events (100 events per node in both), each on a
 * fresh database. Also checks that the Nodes page shows the true total and that the list API
 * pages through every node. Target (issue 13): the 10,000-node TTFB ≤ 2× the 100-node one.
 * Run: npm run build && npm run bench -- pages (BENCH_SAMPLES=30 requests per path).
 */
import { request } from 'node:http';
import pg from 'pg';
import { benchEnvironment, writeResult, type BenchEnvironment } from './harness';

const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password-0123' };
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
/** What is measured: a label and its path for `n` nodes (the last page of the Nodes table moves with n). */
const PATHS: { label: string; path: (n: number) => string }[] = [
  { label: 'Nodes page', path: () => '/nodes' },
  { label: 'Nodes page, last page by name', path: (n) => `/nodes?sort=node_name&page=${Math.ceil(n / 25)}` },
  { label: 'Dashboard', path: () => '/' },
  { label: 'Deployments page', path: () => '/deployments' },
  { label: 'GET /api/config/nodes (first 25)', path: () => '/api/config/nodes?limit=25' },
  { label: 'GET /api/status/summary', path: () => '/api/status/summary' },
];

interface Timing {
  ttfb: number;
  total: number;
  status: number;
  body: string;
}

/** One GET with the session cookie: milliseconds to the first body byte and to the end. */
function timedGet(base: string, pathname: string, cookie: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    const req = request(new URL(pathname, base), { headers: { cookie, accept: 'text/html,application/json' } }, (res) => {
      let ttfb = -1;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (ttfb < 0) ttfb = ms();
        chunks.push(c);
      });
      res.on('end', () => resolve({ ttfb: ttfb < 0 ? ms() : ttfb, total: ms(), status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Signs in through next-auth's credentials callback and returns the cookie header to send. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: base },
    body: new URLSearchParams({ ...ADMIN, csrfToken, callbackUrl: base, json: 'true' }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed: ${res.status}`);
  return cookie();
}

/** Marks a quarter of the seeded events completed with a duration, as finished installs leave them. */
async function timePhases(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "DeploymentEvent" SET "durationMs" = 60000 + (id % 600) * 1000 WHERE status = 'completed'`);
    await client.query('ANALYZE "DeploymentEvent"');
  } finally {
    await client.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

interface PageRow {
  nodes: number;
  events: number;
  label: string;
  path: string;
  ttfbP50: number;
  ttfbP95: number;
  totalP50: number;
  status: number;
}

async function measure(env: BenchEnvironment, events: number): Promise<{ rows: PageRow[]; checks: Record<string, unknown> }> {
  const cookie = await signIn(env.server.base);
  const rows: PageRow[] = [];
  for (const { label, path: pathFor } of PATHS) {
    const p = pathFor(env.nodes.length);
    for (let i = 0; i < 3; i++) await timedGet(env.server.base, p, cookie);
    const samples: Timing[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await timedGet(env.server.base, p, cookie));
    rows.push({
      nodes: env.nodes.length,
      events,
      label,
      path: p,
      ttfbP50: median(samples.map((s) => s.ttfb)),
      ttfbP95: p95(samples.map((s) => s.ttfb)),
      totalP50: median(samples.map((s) => s.total)),
      status: samples[0].status,
    });
  }
  // The true total on the page, and every node reachable through the list API's pages.
  const page = await timedGet(env.server.base, '/nodes', cookie);
  const shownTotal = Number(/(\d+) node\(s\)/.exec(page.body)?.[1] ?? -1);
  const seen = new Set<number>();
  for (let offset = 0; ; offset += 200) {
    const res = await timedGet(env.server.base, `/api/config/nodes?limit=200&offset=${offset}`, cookie);
    const body = JSON.parse(res.body) as { nodes: { id: number }[] };
    for (const n of body.nodes) seen.add(n.id);
    if (body.nodes.length < 200) break;
  }
  return { rows, checks: { nodes: env.nodes.length, shownTotal, pagedThrough: seen.size } };
}

export async function run() {
  const results: PageRow[] = [];
  const checks: Record<string, unknown>[] = [];
  for (const [nodes, events] of [
    [100, 10_000],
    [10_000, 1_000_000],
  ]) {
    const env = await benchEnvironment({ nodes, events, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    try {
      await timePhases(env.db.url);
      const m = await measure(env, events);
      results.push(...m.rows);
      checks.push(m.checks);
    } finally {
      await env.stop();
    }
  }
  const small = results.filter((r) => r.nodes === 100);
  const lines = ['| path | TTFB p50, 100 nodes | TTFB p50, 10,000 nodes | ratio | TTFB p95, 10,000 | total p50, 10,000 |', '|---|---:|---:|---:|---:|---:|'];
  for (const big of results.filter((r) => r.nodes === 10_000)) {
    const base = small.find((r) => r.label === big.label)!;
    lines.push(`| ${big.label} | ${base.ttfbP50.toFixed(1)} ms | ${big.ttfbP50.toFixed(1)} ms | ${(big.ttfbP50 / base.ttfbP50).toFixed(2)}× | ${big.ttfbP95.toFixed(1)} ms | ${big.totalP50.toFixed(1)} ms |`);
  }
  writeResult('pages', `${lines.join('\n')}\n\nchecks: ${JSON.stringify(checks)}`, { samples: SAMPLES, rows: results, checks });
}
