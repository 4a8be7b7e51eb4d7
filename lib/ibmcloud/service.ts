import { BaseService, type AuthenticatorInterface } from 'ibm-cloud-sdk-core';
import { logger } from '@/lib/log/logger';
import { CloudError, fromSdkError, markRecovered } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After the call waits for; a longer one ends the call (its error carries the hint). */
  maxRetryAfterMs: number;
}

/** Mirrors the SDK core's own defaults: 4 retries, 1 s start, 30 s cap (docs/reference/ibmcloud-api.md §1.5). */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

export interface CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  path?: Record<string, string>;
  qs?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * For creates: called before re-sending after a 5xx or network error, because the first POST
   * may have succeeded server-side (docs/reference/ibmcloud-api.md §1.5). A non-null result ends the call.
   */
  recover?: () => Promise<unknown | null>;
}

export interface ServiceOptions {
  serviceUrl: string;
  authenticator: AuthenticatorInterface;
  retry?: Partial<RetryPolicy>;
  /** Query parameters sent on every call (VPC: version + generation). */
  defaultQs?: Record<string, string | number>;
  name: string;
}

/**
 * Exponential backoff with full jitter; after a Retry-After, never sooner than it: the hint plus
 * a jitter of up to a fifth of it (at most baseDelayMs), so callers limited together do not all
 * come back in the same instant. Null when the hint is longer than the policy waits: the call
 * gives up rather than retry early (the workflow reschedules its step after the hint).
 */
export function retryDelay(attempt: number, policy: RetryPolicy, err: CloudError, random = Math.random): number | null {
  if (err.retryAfterMs !== undefined) {
    if (err.retryAfterMs > policy.maxRetryAfterMs) return null;
    return Math.ceil(err.retryAfterMs + random() * Math.min(err.retryAfterMs / 5, policy.baseDelayMs));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One IBM Cloud REST service on the SDK core's request machinery (auth header, URL templating,
 * JSON, error parsing). The core's own retries stay off: they would replay POSTs blindly, so this
 * class retries itself and lets creates look themselves up first.
 */
export class CloudService extends BaseService {
  static DEFAULT_SERVICE_NAME = 'ibmcloud';
  private readonly policy: RetryPolicy;
  private readonly defaultQs: Record<string, string | number>;
  private readonly label: string;

  constructor(options: ServiceOptions) {
    super({ authenticator: options.authenticator, serviceUrl: options.serviceUrl });
    this.disableRetries();
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.defaultQs = options.defaultQs ?? {};
    this.label = options.name;
  }

  async call<T>(operation: string, options: CallOptions): Promise<{ result: T; status: number }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.createRequest({
          options: {
            url: options.url,
            method: options.method,
            path: options.path ?? {},
            qs: { ...this.defaultQs, ...options.qs },
            body: options.body,
          },
          defaultOptions: {
            ...this.baseOptions,
            headers: { Accept: 'application/json', ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          },
        });
        return { result: response.result as T, status: response.status };
      } catch (raw) {
        const err = fromSdkError(raw, `${this.label} ${operation}`);
        if (!err.retryable || attempt >= this.policy.maxRetries) throw err;
        const delay = retryDelay(attempt, this.policy, err);
        if (delay === null) throw err;
        logger.warn({ component: 'ibmcloud', ...err.toLog(), attempt: attempt + 1, delayMs: delay }, 'retrying IBM Cloud call');
        await sleep(delay);
        if (options.recover && err.kind !== 'rate_limited') {
          const existing = await options.recover();
          if (existing) return { result: markRecovered(existing) as T, status: 200 };
        }
      }
    }
  }
}
