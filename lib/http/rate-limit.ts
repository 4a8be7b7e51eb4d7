import { db } from '@/lib/db/client';
import { RateLimitedError } from '@/lib/errors';

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface Usage {
  count: number;
  resetAt: Date;
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one hit on a fixed-window bucket shared by every app instance. One atomic upsert:
 * a bucket whose window has passed starts over at 1, otherwise it is incremented.
 */
export async function consume(key: string, { limit, windowSeconds }: Limit): Promise<Usage> {
  const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  if (Math.random() < 0.01) void sweepExpired().catch(() => {});
  return usage(Number(rows[0].count), rows[0].resetAt, { limit, windowSeconds });
}

/** Like consume, but throws RateLimitedError (429 + Retry-After) once the limit is exceeded. */
export async function enforce(key: string, limit: Limit): Promise<Usage> {
  const result = await consume(key, limit);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  return result;
}

const local = new Map<string, { count: number; resetAt: number }>();

/**
 * Counts one hit on a fixed-window bucket in this process's memory: for the high-volume limits
 * (API, boot, public) that exist to stop a runaway client, where a PostgreSQL upsert per request
 * would cost more than the request. Each server process counts on its own (WEB_CONCURRENCY
 * processes × instances allow that many times the limit); the edge limit is nginx's `limit_req`
 * (docker/nginx.conf). Failed sign-ins and authentications stay in PostgreSQL (consume/enforce).
 */
export function consumeLocal(key: string, { limit, windowSeconds }: Limit, now = Date.now()): Usage {
  let bucket = local.get(key);
  if (!bucket || bucket.resetAt <= now) {
    if (!bucket && local.size >= 100_000) sweepLocal(now);
    bucket = { count: 0, resetAt: now + windowSeconds * 1000 };
    local.set(key, bucket);
  }
  bucket.count++;
  return usage(bucket.count, new Date(bucket.resetAt), { limit, windowSeconds });
}

/** Like consumeLocal, but throws RateLimitedError (429 + Retry-After) once the limit is exceeded. */
export function enforceLocal(key: string, limit: Limit): Usage {
  const result = consumeLocal(key, limit);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  return result;
}

/** The keys of this process's in-memory buckets that are still counting (for tests and metrics). */
export function localBucketKeys(prefix = ''): string[] {
  const now = Date.now();
  return [...local].filter(([k, b]) => k.startsWith(prefix) && b.resetAt > now).map(([k]) => k).sort();
}

export function resetLocalBuckets() {
  local.clear();
}

function sweepLocal(now: number) {
  for (const [key, bucket] of local) if (bucket.resetAt <= now) local.delete(key);
  // Still full of live buckets (an address spray): start over rather than grow without bound.
  if (local.size >= 100_000) local.clear();
}

/** The current usage of a bucket without counting a hit. */
export async function peek(key: string, limit: Limit): Promise<Usage> {
  const row = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!row || row.resetAt.getTime() <= Date.now()) return usage(0, new Date(Date.now() + limit.windowSeconds * 1000), limit);
  return usage(row.count, row.resetAt, limit);
}

/** Throws RateLimitedError when the bucket has already reached its limit. */
export async function assertBelow(key: string, limit: Limit): Promise<void> {
  const current = await peek(key, limit);
  if (current.count >= limit.limit) throw new RateLimitedError(current.retryAfterSeconds);
}

/** Gives back one hit (e.g. a sign-in attempt that turned out to be legitimate). */
export async function refund(key: string): Promise<void> {
  await db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function sweepExpired(): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "resetAt" < now() - interval '1 hour'`;
}

function usage(count: number, resetAt: Date, { limit }: Limit): Usage {
  return {
    count,
    resetAt,
    allowed: count <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
  };
}
