import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { deploymentActivity } from '@/lib/status/activity';
import { resetDatabase } from '../helpers/db';

describe('deploymentActivity', () => {
  beforeEach(resetDatabase);

  it('counts install deployments started, succeeded and failed per hour, gaps filled with zeros', async () => {
    const now = new Date('2026-11-23T13:40:00Z');
    const at = (iso: string) => new Date(iso);
    await db.deployment.create({ data: { kind: 'provision', status: 'succeeded', createdAt: at('2026-11-23T13:05:00Z'), finishedAt: at('2026-11-23T13:20:00Z') } });
    await db.deployment.create({ data: { kind: 'provision', status: 'failed', createdAt: at('2026-11-23T11:59:00Z'), finishedAt: at('2026-11-23T12:10:00Z') } });
    await db.deployment.create({ data: { kind: 'reinitialize', status: 'running', createdAt: at('2026-11-23T13:30:00Z') } });
    await db.deployment.create({ data: { kind: 'cleanup', status: 'succeeded', createdAt: at('2026-11-23T13:30:00Z'), finishedAt: at('2026-11-23T13:31:00Z') } });
    await db.deployment.create({ data: { kind: 'provision', status: 'succeeded', createdAt: at('2026-11-21T13:30:00Z'), finishedAt: at('2026-11-21T13:31:00Z') } });
    const buckets = await deploymentActivity('24h', now);
    expect(buckets).toHaveLength(24);
    expect(buckets[0].bucket).toBe('2026-11-22T14:00:00.000Z');
    expect(buckets.at(-1)).toEqual({ bucket: '2026-11-23T13:00:00.000Z', started: 2, succeeded: 1, failed: 0 });
    expect(buckets.at(-2)).toEqual({ bucket: '2026-11-23T12:00:00.000Z', started: 0, succeeded: 0, failed: 1 });
    expect(buckets.at(-3)).toEqual({ bucket: '2026-11-23T11:00:00.000Z', started: 1, succeeded: 0, failed: 0 });
    expect(buckets.slice(0, -3).every((b) => b.started + b.succeeded + b.failed === 0)).toBe(true);
    const week = await deploymentActivity('7d', now);
    expect(week.map((b) => b.started)).toEqual([0, 0, 0, 0, 1, 0, 3]);
  });
});
