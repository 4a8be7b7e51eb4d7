import { db } from '@/lib/db/client';

export type ActivityRange = '24h' | '7d' | '30d';

const RANGES: Record<ActivityRange, { unit: 'hour' | 'day'; buckets: number }> = {
  '24h': { unit: 'hour', buckets: 24 },
  '7d': { unit: 'day', buckets: 7 },
  '30d': { unit: 'day', buckets: 30 },
};

export interface ActivityBucket {
  bucket: string;
  started: number;
  succeeded: number;
  failed: number;
}

interface Row {
  bucket: Date;
  started: number;
  succeeded: number;
  failed: number;
}

/** Install deployments started, succeeded and failed per hour (24h) or day (7d, 30d), UTC, gaps filled. */
export async function deploymentActivity(range: ActivityRange, now = new Date()): Promise<ActivityBucket[]> {
  const { unit, buckets } = RANGES[range];
  const step = unit === 'hour' ? 3_600_000 : 86_400_000;
  const end = Math.floor(now.getTime() / step) * step;
  const from = new Date(end - (buckets - 1) * step);
  const rows = await db.$queryRaw<Row[]>`
    SELECT bucket, sum(started)::int AS started, sum(succeeded)::int AS succeeded, sum(failed)::int AS failed FROM (
      SELECT date_trunc(${unit}, "createdAt") AS bucket, 1 AS started, 0 AS succeeded, 0 AS failed
        FROM "Deployment" WHERE kind IN ('provision', 'reinitialize') AND "createdAt" >= ${from}
      UNION ALL
      SELECT date_trunc(${unit}, "finishedAt"), 0, (status = 'succeeded')::int, (status = 'failed')::int
        FROM "Deployment" WHERE kind IN ('provision', 'reinitialize') AND "finishedAt" >= ${from}
          AND status IN ('succeeded', 'failed')
    ) events GROUP BY bucket`;
  const byTime = new Map(rows.map((r) => [new Date(r.bucket).getTime(), r]));
  return Array.from({ length: buckets }, (_, i) => {
    const t = from.getTime() + i * step;
    const r = byTime.get(t);
    return { bucket: new Date(t).toISOString(), started: r?.started ?? 0, succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 };
  });
}
