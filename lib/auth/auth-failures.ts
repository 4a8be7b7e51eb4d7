import { consume } from '@/lib/http/rate-limit';
import { rateLimits } from '@/lib/http/rate-limit-policies';
import { RateLimitedError } from '@/lib/errors';

/**
 * Addresses PostgreSQL has told this instance are over their failed-authentication budget, until
 * when. The count itself is exact across instances (RateLimitBucket); this only spares every
 * request a database read: another instance learns it on the address's next failure.
 */
const limited = new Map<string, number>();

const key = (ip: string) => `authfail:ip:${ip}`;

/** 429 before any credential check for an address known to be over its budget of failures. */
export function assertAuthFailuresBelow(ip: string | null): void {
  if (!ip) return;
  const until = limited.get(ip);
  if (until === undefined) return;
  if (until <= Date.now()) {
    limited.delete(ip);
    return;
  }
  throw new RateLimitedError(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}

/**
 * Counts one refused credential (API token, node token, forged session cookie) from `ip`; throws
 * RateLimitedError once the address has spent RATE_LIMIT_AUTH_FAILURES_PER_MINUTE.
 */
export async function countAuthFailure(ip: string | null): Promise<void> {
  if (!ip) return;
  const usage = await consume(key(ip), rateLimits().authFailures);
  if (usage.allowed) return;
  if (limited.size > 10_000) limited.clear();
  limited.set(ip, usage.resetAt.getTime());
  throw new RateLimitedError(usage.retryAfterSeconds);
}

/** For tests that reset the database between cases. */
export function forgetLimitedAddresses() {
  limited.clear();
}
