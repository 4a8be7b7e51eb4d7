import { SimError } from './http';

/** The APIs the simulator serves, each with its own rate-limit bucket (Global Search and Tagging is one service). */
export type SimApi = 'iam' | 'vpc' | 'dns' | 'tagging';
export const SIM_APIS: SimApi[] = ['iam', 'vpc', 'dns', 'tagging'];

/**
 * Requests per second each API accepts (a token bucket holding `burst` requests, refilled at
 * `perSecond`); above it the API answers 429 with Retry-After. `perSecond` 0 turns the limit off.
 * Configured by SIM_RATE_LIMIT / SIM_RATE_BURST (docs/reference/ibmcloud-api.md §5.4).
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Fault injection knobs: from config at start, changeable at runtime through /control/faults. */
export interface FaultSettings {
  rate429: number;
  rate500: number;
  latencyMs: number;
  quotaErrors: boolean;
  stuckServers: string[];
  rateLimit: RateLimit;
  failPhase?: string;
  silentPhase?: string;
  /** Exact faults for the next matching requests, consumed in order (deterministic tests). */
  queue: QueuedFault[];
}

export interface QueuedFault {
  status: 429 | 500 | 502 | 503;
  /** Retry-After of a 429 (default 1) or 503 (default none): seconds, or an HTTP date. */
  retryAfter?: number | string;
  /** Only requests whose method matches (default: any). */
  method?: string;
  /** Only paths containing this text (default: any VPC/DNS path). */
  pathIncludes?: string;
  /** Process the request, then answer the error anyway: a create that succeeded server-side. */
  afterProcessing?: boolean;
}

export interface ApiCounters {
  requests: number;
  /** Requests answered 429 by the rate limit (not by injected faults). */
  limited: number;
}

export class Faults {
  private readonly buckets = new Map<SimApi, { tokens: number; atMs: number }>();
  readonly counters = Object.fromEntries(SIM_APIS.map((api) => [api, { requests: 0, limited: 0 }])) as Record<SimApi, ApiCounters>;

  constructor(public settings: FaultSettings, private readonly random: () => number = Math.random) {}

  /**
   * Counts a request to `api` against its rate limit. Returns the 429 to answer when the bucket
   * is empty, with Retry-After = the whole seconds until the next request would be accepted.
   */
  limit(api: SimApi, nowMs: number): SimError | null {
    this.counters[api].requests++;
    const { perSecond, burst } = this.settings.rateLimit;
    if (perSecond <= 0) return null;
    const capacity = Math.max(1, burst);
    const bucket = this.buckets.get(api) ?? { tokens: capacity, atMs: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.atMs) * perSecond) / 1000);
    bucket.atMs = nowMs;
    this.buckets.set(api, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    this.counters[api].limited++;
    return faultError(429, Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
  }

  update(patch: Partial<FaultSettings>) {
    this.settings = { ...this.settings, ...patch };
    // A new limit starts with full buckets.
    if (patch.rateLimit) this.buckets.clear();
  }

  /**
   * Throws the fault this request should suffer, if any, after any configured latency. Returns a
   * fault to answer after the request has been processed (`afterProcessing`), or null.
   */
  async apply(method: string, path: string): Promise<SimError | null> {
    if (this.settings.latencyMs > 0) await new Promise((r) => setTimeout(r, this.settings.latencyMs));
    const index = this.settings.queue.findIndex(
      (f) => (!f.method || f.method === method) && (!f.pathIncludes || path.includes(f.pathIncludes)),
    );
    if (index >= 0) {
      const [fault] = this.settings.queue.splice(index, 1);
      const error = faultError(fault.status, fault.retryAfter);
      if (fault.afterProcessing) return error;
      throw error;
    }
    if (this.random() < this.settings.rate429) throw faultError(429, 1);
    if (this.random() < this.settings.rate500) throw faultError(500);
    return null;
  }
}

function faultError(status: number, retryAfter?: number | string) {
  if (status === 429) {
    return new SimError(429, 'rate_limit_exceeded', 'Too many requests within a short time', undefined, { 'retry-after': String(retryAfter ?? 1) });
  }
  const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
  return new SimError(status, 'internal_error', 'An internal error occurred (injected by the simulator)', undefined, headers);
}
