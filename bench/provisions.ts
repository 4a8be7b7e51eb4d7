/**
 * Benchmark: provisions in simulation. On a fresh embedded database with the production server
 * (simulation mode as `npm start` runs it with zero config: the IBM Cloud simulator in the
 * launcher, its virtual nodes booting and calling back), times one provision from the API call to
 * `deployed`, then 200 provisions posted at once (each its own POST /api/config/nodes with an
 * admin API token) until every node is deployed. Reports the wall times, their ratio (issue 13
 * target: ≤ 1.5×), the simulator's 429s (SIM_RATE_LIMIT per API, docs/reference/ibmcloud-api.md
 * §5.4) and the client's retries, and checks from the server log that no retry of a 429 or 503
 * came before its Retry-After.
 * The simulated subnets are /22 so that 200 nodes' addresses fit (the default /24 holds ~40), and
 * the simulated account may hold 1,000 servers (default 25).
 * Run: npm run build && npm run bench -- provisions (BENCH_PROVISIONS=200 to change the count).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { benchConcurrency, freePort, freshDatabase, startProductionServer, writeResult } from './harness';
import { summarize } from './profile';

const COUNT = Number(process.env.BENCH_PROVISIONS ?? 200);
const ADMIN = { email: 'admin@localhost', password: 'bench-admin-password-0123' };
const TIMEOUT_MS = 15 * 60_000;

/** Address ranges for 200+ nodes: management, AHV and CVM in one /22, workload in another. */
const SIM_ENV = {
  SIM_AUTOBOOT: 'true',
  SIM_BARE_METAL_QUOTA: '1000',
  SIM_MANAGEMENT_CIDR: '10.240.0.0/22',
  SIM_WORKLOAD_CIDR: '10.240.4.0/22',
  MGMT_IP_RANGE: '10-300',
  AHV_IP_RANGE: '301-600',
  CVM_IP_RANGE: '601-900',
  WORKLOAD_IP_RANGE: '10-900',
};

interface RateLimitReport {
  perSecond: number;
  burst: number;
  apis: Record<string, { requests: number; limited: number }>;
  operations: Record<string, number>;
}

async function apiToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}`, 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ name: 'bench-provisions' }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function provision(base: string, token: string, name: string): Promise<number> {
  const res = await fetch(`${base}/api/config/nodes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ node_config: { node_name: name, server_profile: 'bx2d-metal-96x384' } }),
  });
  const body = (await res.json()) as { node_id?: number };
  const id = body.node_id;
  if (res.status >= 300 || id === undefined) throw new Error(`provision ${name}: ${res.status} ${JSON.stringify(body)}`);
  return id;
}

/** Polls the database until every node is deployed; returns when each got there (ms since epoch). */
async function waitDeployed(url: string, ids: number[]): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const done = new Map<number, number>();
  const deadline = Date.now() + TIMEOUT_MS;
  try {
    while (done.size < ids.length) {
      if (Date.now() > deadline) throw new Error(`${ids.length - done.size} node(s) not deployed after ${TIMEOUT_MS / 60_000} min`);
      const rows = await client.query<{ id: number; status: string; failedStep: string | null; failureReason: string | null }>(
        `SELECT id, status, "failedStep", "failureReason" FROM "Node" WHERE id = ANY($1::int[])`,
        [ids],
      );
      const now = Date.now();
      for (const r of rows.rows) {
        if (r.status === 'failed') throw new Error(`node ${r.id} failed at ${r.failedStep}: ${r.failureReason}`);
        if (r.status === 'deployed' && !done.has(r.id)) done.set(r.id, now);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return done;
  } finally {
    await client.end();
  }
}

async function rateLimit(control: string): Promise<RateLimitReport> {
  return (await fetch(`${control}/rate-limit`)).json() as Promise<RateLimitReport>;
}

/**
 * The client's retries from the server log ("retrying IBM Cloud call": status, delayMs), and those
 * of a 429/503 whose delay was shorter than the Retry-After the simulator sent (always ≥ 1 s here,
 * so a rate-limited retry sooner than 1000 ms is early).
 */
function retriesFromLog(logFile: string) {
  const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('retrying IBM Cloud call'));
  const retries = lines.map((l) => JSON.parse(l.slice(l.indexOf('{'))) as { status: number | null; delayMs: number });
  const rateLimited = retries.filter((r) => r.status === 429);
  return {
    total: retries.length,
    rateLimited: rateLimited.length,
    server: retries.filter((r) => r.status !== null && r.status >= 500).length,
    earlyRateLimited: rateLimited.filter((r) => r.delayMs < 1000).length,
    minRateLimitedDelayMs: rateLimited.length ? Math.min(...rateLimited.map((r) => r.delayMs)) : null,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Where the time of the concurrent provisions went: for each workflow step, when it started and
 * finished (median and last, seconds after the POSTs), and for each node-reported phase, when it
 * was first reported. A step whose last start lags its median by far more than the previous
 * step's is where deployments queue.
 */
async function stepTimings(url: string, ids: number[], t0: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const steps = await client.query<{ name: string; position: number; started: number[]; finished: number[] }>(
      `SELECT s.name, min(s.position) AS position,
              array_agg(extract(epoch FROM s."startedAt") * 1000 ORDER BY s."startedAt") AS started,
              array_agg(extract(epoch FROM s."finishedAt") * 1000 ORDER BY s."finishedAt") AS finished
         FROM "DeploymentStep" s JOIN "Deployment" d ON d.id = s."deploymentId"
        WHERE d."nodeId" = ANY($1::int[]) AND d.kind = 'provision'
        GROUP BY s.name ORDER BY 2`,
      [ids],
    );
    const phases = await client.query<{ phase: string; first: number[] }>(
      `SELECT phase, array_agg(t ORDER BY t) AS first FROM (
         SELECT "nodeId", phase, extract(epoch FROM min("createdAt")) * 1000 AS t FROM "DeploymentEvent"
          WHERE "nodeId" = ANY($1::int[]) AND source = 'node' GROUP BY "nodeId", phase) x
        GROUP BY phase ORDER BY min(t)`,
      [ids],
    );
    const spread = (times: Array<number | null>) => {
      const t = times.filter((x): x is number => x !== null).map((x) => Number(x) - t0);
      return t.length ? { median: t[Math.floor(t.length / 2)], last: t[t.length - 1] } : null;
    };
    return {
      steps: steps.rows.map((r) => ({ name: r.name, started: spread(r.started), finished: spread(r.finished) })),
      phases: phases.rows.map((r) => ({ phase: r.phase, reported: spread(r.first) })),
    };
  } finally {
    await client.end();
  }
}

function timingTable(timings: Awaited<ReturnType<typeof stepTimings>>) {
  const cell = (s: { median: number; last: number } | null) => (s ? `${seconds(s.median)} / ${seconds(s.last)}` : '');
  return [
    '| step or node phase | started (median / last) | finished (median / last) |',
    '|---|---:|---:|',
    ...timings.steps.map((s) => `| step ${s.name} | ${cell(s.started)} | ${cell(s.finished)} |`),
    ...timings.phases.map((p) => `| node ${p.phase} | ${cell(p.reported)} | |`),
  ].join('\n');
}

export async function run() {
  const db = await freshDatabase();
  const simPort = await freePort();
  const control = `http://127.0.0.1:${simPort}/control`;
  // BENCH_CPU_PROF=1: every process of the server (launcher with the simulator and its virtual
  // nodes, and the server processes it forks with its own node flags) writes a CPU profile,
  // summarised after the run.
  const profDir = process.env.BENCH_CPU_PROF ? path.resolve('bench/results/profiles', `provisions-${Date.now()}`) : undefined;
  const server = await startProductionServer({
    databaseUrl: db.url, dir: db.dir, concurrency: benchConcurrency(), env: { ...SIM_ENV, SIM_PORT: String(simPort) },
    nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  });
  try {
    const base = server.base;
    const token = await apiToken(base);

    const t1 = Date.now();
    const oneId = await provision(base, token, 'bench-one');
    const one = (await waitDeployed(db.url, [oneId])).get(oneId)! - t1;
    console.log(`one provision: ${seconds(one)}`);

    const before = await rateLimit(control);
    const t0 = Date.now();
    const names = Array.from({ length: COUNT }, (_, i) => `bench-${i + 1}`);
    const ids = await Promise.all(names.map((name) => provision(base, token, name)));
    const posted = Date.now() - t0;
    const deployedAt = await waitDeployed(db.url, ids);
    const wall = Math.max(...deployedAt.values()) - t0;
    const after = await rateLimit(control);
    const limited = Object.fromEntries(Object.entries(after.apis).map(([api, c]) => [api, c.limited - before.apis[api].limited]));
    const requests = Object.fromEntries(Object.entries(after.apis).map(([api, c]) => [api, c.requests - before.apis[api].requests]));
    const operations = Object.entries(after.operations)
      .map(([op, n]) => [op, n - (before.operations[op] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    const retries = retriesFromLog(server.logFile);
    const timings = await stepTimings(db.url, ids, t0);
    const sorted = [...deployedAt.values()].map((t) => t - t0).sort((a, b) => a - b);
    const ratio = wall / one;

    const median = sorted[Math.floor(sorted.length / 2)];
    const totalLimited = Object.values(limited).reduce((a, b) => a + b, 0);
    const table = `| provisions | wall time | ratio to one | simulator 429s (${after.perSecond}/s per API) | client retries (429 / 5xx) | retries before Retry-After |
|---:|---:|---:|---:|---:|---:|
| 1 | ${seconds(one)} | 1.00× | | | |
| ${COUNT} | ${seconds(wall)} | ${ratio.toFixed(2)}× | ${totalLimited} (vpc ${limited.vpc}, dns ${limited.dns}, tagging ${limited.tagging}, iam ${limited.iam}) | ${retries.rateLimited} / ${retries.server} | ${retries.earlyRateLimited} |

all ${COUNT} POSTs answered in ${seconds(posted)}; first deployed ${seconds(sorted[0])}, median ${seconds(median)}

IBM Cloud calls of the ${COUNT} (429s included), most first: ${operations.slice(0, 8).map(([op, n]) => `${op} ${n}`).join('; ')}

${timingTable(timings)}`;
    writeResult('provisions', table, {
      webConcurrency: benchConcurrency(),
      simulator: { rateLimit: { perSecond: after.perSecond, burst: after.burst }, requests, limited, operations: Object.fromEntries(operations) },
      oneMs: one,
      concurrent: COUNT,
      postAllMs: posted,
      wallMs: wall,
      firstDeployedMs: sorted[0],
      medianDeployedMs: median,
      ratio: Number(ratio.toFixed(2)),
      retries,
      timings,
    });
  } catch (err) {
    console.error(err);
    mkdirSync('bench/results', { recursive: true });
    copyFileSync(server.logFile, 'bench/results/provisions-server.log');
    console.error('server log kept in bench/results/provisions-server.log');
    throw err;
  } finally {
    try {
      await server.stop();
    } finally {
      await db.stop();
    }
  }
  if (profDir) {
    for (const f of readdirSync(profDir).map((name) => path.join(profDir, name)).filter((f) => statSync(f).size > 1_000_000)) summarize(f);
  }
}
