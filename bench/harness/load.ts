import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Mean requests per second over the run (2xx only count towards `ok`). */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  errors: number;
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'HEAD';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Drives `base` with autocannon at `connections` for `seconds`; `next()` gives each request
 * (called once per request, so every request may name another node).
 */
export async function drive(base: string, connections: number, next: () => RequestSpec, seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<LoadResult> {
  const url = new URL(base);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const spec = next();
          return {
            ...req,
            method: spec.method ?? 'GET',
            path: spec.path,
            headers: { host: url.host, ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
            body: spec.body,
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    connections,
    seconds,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** Connection counts every bench drives (BENCH_CONNECTIONS=16,64 to shorten a run). */
export function connectionLevels(): number[] {
  return (process.env.BENCH_CONNECTIONS ?? '16,64,256').split(',').map(Number).filter((n) => n > 0);
}

/**
 * The static file the ceiling is measured with: the built chunk in .next/static closest to
 * 4 KiB (the size of a boot script answer), served by the same server.
 */
export function staticAssetPath(): { path: string; bytes: number } {
  const root = path.resolve('.next/static/chunks');
  const files = readdirSync(root)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ f, bytes: statSync(path.join(root, f)).size }))
    .sort((a, b) => Math.abs(a.bytes - 4096) - Math.abs(b.bytes - 4096) || a.f.localeCompare(b.f));
  if (!files.length) throw new Error('no built chunks: run `npm run build` first');
  return { path: `/_next/static/chunks/${files[0].f}`, bytes: files[0].bytes };
}

/** The server's own static-asset rate at `connections`: the ceiling every result is divided by. */
export async function staticCeiling(base: string, connections: number): Promise<LoadResult> {
  const asset = staticAssetPath();
  return drive(base, connections, () => ({ path: asset.path }));
}
