import pg from 'pg';
import PgBoss from 'pg-boss';
import { databaseUrl } from '@/lib/config/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueue, registerWorker, startJobEngine, stopJobEngine } from '@/lib/jobs/engine';
import { withAdvisoryLock } from '@/lib/jobs/lock';

describe('job engine', () => {
  afterAll(() => stopJobEngine(2000));

  it('runs a queued job once in a registered worker and dedups by singletonKey while queued', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    await registerWorker<{ value: string }>(
      'test.echo',
      async (data) => {
        seen.push(data.value);
        release();
      },
      { policy: 'short', pollingIntervalSeconds: 0.5 },
    );
    const first = await enqueue('test.echo', { value: 'a' }, { singletonKey: 'k', startAfter: 1 });
    const second = await enqueue('test.echo', { value: 'b' }, { singletonKey: 'k' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await startJobEngine();
    await done;
    expect(seen).toEqual(['a']);
  });

  it('creates its queues while another process creates the same ones (two instances starting at once)', async () => {
    // pg-boss creates a queue's partition with DDL: two processes creating queues at once can
    // deadlock, and the loser started no workers at all (seen with WEB_CONCURRENCY workers).
    const other = new PgBoss({ connectionString: databaseUrl(), schema: 'pgboss', max: 3 });
    await other.start();
    try {
      const names = Array.from({ length: 24 }, (_, i) => `test.race.${Date.now().toString(36)}.${i}`);
      const results = await Promise.allSettled([
        (async () => { for (const name of names) await enqueue(name, { from: 'this process' }); })(),
        (async () => { for (const name of names) await other.createQueue(name, { name, policy: 'standard' }).catch(() => {}); })(),
      ]);
      expect(results[0]).toMatchObject({ status: 'fulfilled' });
      for (const name of names) expect(await other.getQueue(name)).toMatchObject({ name });
    } finally {
      await other.stop({ graceful: false, wait: true });
    }
  });

  it('runs one job per loop at once, and fails (and retries) a failing job alone', async () => {
    const runs: string[] = [];
    let started = 0;
    let allStarted!: () => void;
    const barrier = new Promise<void>((r) => (allStarted = r));
    await registerWorker<{ value: string }>(
      'test.loops',
      async ({ value }) => {
        runs.push(value);
        if (runs.length > 5) return; // the retry
        if (++started === 5) allStarted();
        // Only five loops running at once get all five past this line.
        await Promise.race([barrier, new Promise((_, reject) => setTimeout(() => reject(new Error('jobs ran one at a time')), 5000))]);
        if (value === 'bad') throw new Error('boom');
      },
      { concurrency: 5, pollingIntervalSeconds: 0.5, retryLimit: 1, retryDelay: 1, retryBackoff: false },
    );
    for (const value of ['a', 'b', 'bad', 'c', 'd']) await enqueue('test.loops', { value });
    const deadline = Date.now() + 20_000;
    while (runs.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(runs.slice(0, 5).sort()).toEqual(['a', 'b', 'bad', 'c', 'd']);
    expect(runs.slice(5)).toEqual(['bad']);
  });
});

describe('advisory locks', () => {
  it('hold many keys at once in one process, refuse a key already held here, and exclude other sessions', async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const tryOther = async (key: string) => (await other.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key])).rows[0].ok;
      const result = await withAdvisoryLock('test:a', async () => {
        const inner = await withAdvisoryLock('test:b', async () => ({
          again: await withAdvisoryLock('test:a', async () => 'entered twice'),
          otherA: await tryOther('test:a'),
          otherB: await tryOther('test:b'),
        }));
        return inner;
      });
      expect(result).toEqual({ acquired: true, result: { acquired: true, result: { again: { acquired: false }, otherA: false, otherB: false } } });
      // Released afterwards: another session gets both.
      expect(await tryOther('test:a')).toBe(true);
      expect(await tryOther('test:b')).toBe(true);
    } finally {
      await other.end();
    }
  });
});
