import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BARE_METAL_QUOTA } from './bare-metal';
import { bareMetalRoutes } from './routes-bare-metal';
import type { SimContext, SimSettings } from './context';
import { SIM_DEFAULTS } from '../simulation-defaults';
import { Faults, type FaultSettings, type SimApi } from './faults';
import { ibmErrorBody, parseJson, readBody, Router, send, SimError, type SimRequest, type SimResponse } from './http';
import { issueToken, rateLimitedToken, requireBearer } from './iam';
import { advanceServers } from './lifecycle';
import { NodeManager } from './node-manager';
import { fixtureSubnets } from './fixtures';
import { controlRoutes } from './routes-control';
import { dnsRoutes } from './routes-dns';
import { networkRoutes } from './routes-network';
import { taggingRoutes } from './routes-tagging';
import { loadState, StateStore } from './state';
import { checkVersionParams } from './version';

export interface SimulatorOptions extends Partial<SimSettings> {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** JSON file the state persists to; omitted = in memory only. */
  stateFile?: string;
  faults?: Partial<FaultSettings>;
  apiKey?: string;
  log?: (msg: string) => void;
  tickMs?: number;
  fetchImpl?: typeof fetch;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  at: number;
  answeredAt: number;
  status: number;
  retryAfter: string | null;
}

export interface SimulatorHandle {
  url: string;
  iamUrl: string;
  vpcUrl: string;
  dnsUrl: string;
  taggingUrl: string;
  searchUrl: string;
  inventoryUrl: string;
  controlUrl: string;
  ctx: SimContext;
  close(): Promise<void>;
}

/** SIM_RATE_LIMIT / SIM_RATE_BURST's defaults (lib/config/schema.ts). */
export const DEFAULT_RATE_LIMIT = { perSecond: 100, burst: 100 };
const DEFAULT_FAULTS: FaultSettings = { rate429: 0, rate500: 0, latencyMs: 0, quotaErrors: false, stuckServers: [], queue: [], rateLimit: DEFAULT_RATE_LIMIT };

const API_PREFIXES: [string, SimApi][] = [['/v1/', 'vpc'], ['/dns/v1/', 'dns'], ['/tagging/v3/', 'tagging'], ['/search/v3/', 'tagging']];

/** Starts the IBM Cloud simulator (IAM, VPC subset, DNS Services subset, inventory, control). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const log = options.log ?? (() => {});
  const state = await loadState(options.stateFile);
  const store = new StateStore(options.stateFile, state);
  const faults = new Faults({ ...DEFAULT_FAULTS, ...options.faults, queue: [...(options.faults?.queue ?? [])] });
  const settings: SimSettings = {
    region: options.region ?? 'us-south',
    zone: options.zone ?? `${options.region ?? 'us-south'}-1`,
    dnsZoneName: options.dnsZoneName ?? 'nutanix-ce-poc.cloud',
    timeScale: options.timeScale ?? 40,
    autoboot: options.autoboot ?? true,
    subnets: options.subnets ?? fixtureSubnets(),
    bareMetalQuota: options.bareMetalQuota ?? BARE_METAL_QUOTA,
  };
  const ctx: SimContext = {
    store, state, settings, faults,
    now: () => Date.now(),
    realMs: (simSeconds) => (simSeconds * 1000) / settings.timeScale,
    advance: () => void advanceServers(ctx),
  };
  const nodes = new NodeManager(ctx, log, options.fetchImpl);
  const router = new Router();
  networkRoutes(router, ctx);
  bareMetalRoutes(router, ctx);
  dnsRoutes(router, ctx);
  taggingRoutes(router, ctx);
  controlRoutes(router, ctx);
  const apiKey = options.apiKey ?? SIM_DEFAULTS.apiKey;

  // The last requests, without credentials, for contract tests that check what a client sent and
  // when: `at` is the arrival and `answeredAt` the answer (ms since the epoch), with its status and Retry-After.
  const recent: RecordedRequest[] = [];
  router.on('GET', '/control/requests', () => ({ status: 200, body: { requests: recent } }));
  // Requests per operation (method and path, ids folded), so a bench can tell which calls dominate.
  const operations: Record<string, number> = {};
  const operationOf = (method: string, path: string) => `${method} ${path.replace(/\/(?=[^/]*\d)[^/]{8,}/g, '/{id}')}`;
  router.on('GET', '/control/rate-limit', () => ({ status: 200, body: { ...faults.settings.rateLimit, apis: faults.counters, operations } }));

  async function handle(req: SimRequest): Promise<SimResponse> {
    if (req.method === 'POST' && req.path === '/identity/token') {
      const limited = faults.limit('iam', Date.now());
      return limited ? rateLimitedToken(req, limited) : issueToken(req, state.tokenSecret, apiKey, ctx.now());
    }
    const match = router.match(req.method, req.path);
    if (match === null) throw new SimError(404, 'invalid_route', `No route for ${req.method} ${req.path}`);
    if (match === 'method') throw new SimError(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}`);
    const api = API_PREFIXES.find(([prefix]) => req.path.startsWith(prefix))?.[1];
    let postFault: SimError | null = null;
    if (api) {
      const operation = operationOf(req.method, req.path);
      operations[operation] = (operations[operation] ?? 0) + 1;
      const limited = faults.limit(api, Date.now());
      if (limited) throw limited;
      requireBearer(req, state.tokenSecret, ctx.now());
      if (req.path.startsWith('/v1/')) checkVersionParams(req.query, ctx.now());
      postFault = await faults.apply(req.method, req.path);
    }
    ctx.advance();
    const out = await match.handler({ ...req, params: match.params });
    nodes.sync();
    if (postFault) throw postFault;
    return out;
  }

  const server = http.createServer(async (incoming, res) => {
    const port = (server.address() as AddressInfo).port;
    const arrived = Date.now();
    let entry: RecordedRequest | undefined;
    try {
      const url = new URL(incoming.url ?? '/', `http://127.0.0.1:${port}`);
      const rawBody = await readBody(incoming);
      const req: SimRequest = {
        method: incoming.method ?? 'GET', path: url.pathname.replace(/\/+$/, '') || '/', query: url.searchParams, params: {},
        headers: incoming.headers, rawBody, body: undefined, baseUrl: `http://127.0.0.1:${port}`,
      };
      if (!req.path.startsWith('/control') && req.path !== '/identity/token') {
        entry = { method: req.method, path: req.path, query: Object.fromEntries(req.query), body: null, at: arrived, answeredAt: 0, status: 0, retryAfter: null };
        recent.push(entry);
        if (recent.length > 100) recent.shift();
      }
      req.body = parseJson(rawBody, incoming.headers['content-type']);
      if (entry) entry.body = req.body ?? null;
      answer(await handle(req));
    } catch (err) {
      if (err instanceof SimError) return answer({ status: err.status, body: ibmErrorBody(err), headers: err.headers });
      log(`simulator error: ${(err as Error).stack ?? err}`);
      answer({ status: 500, body: ibmErrorBody(new SimError(500, 'internal_error', 'Internal error')) });
    }
    function answer(out: SimResponse) {
      if (entry) Object.assign(entry, { answeredAt: Date.now(), status: out.status, retryAfter: out.headers?.['retry-after'] ?? null });
      send(res, out);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const ticker = setInterval(() => {
    ctx.advance();
    nodes.sync();
  }, options.tickMs ?? 250);
  ticker.unref();
  nodes.sync();

  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, iamUrl: url, vpcUrl: `${url}/v1`, dnsUrl: `${url}/dns/v1`, taggingUrl: `${url}/tagging`, searchUrl: `${url}/search`, inventoryUrl: `${url}/inventory`, controlUrl: `${url}/control`, ctx,
    async close() {
      clearInterval(ticker);
      nodes.stopAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}
