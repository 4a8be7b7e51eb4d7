import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCommit } from '@/lib/db/group-commit';
import { pgPool } from '@/lib/db/pg-pool';

/** lib/db/group-commit.ts: concurrent callback writes share commits; each answer follows its commit. */
const original = pg.Client.prototype.query;
const sent: string[] = [];

beforeAll(async () => {
  await pgPool().query('CREATE TABLE IF NOT EXISTS group_commit_probe (k text PRIMARY KEY)');
  await pgPool().query('TRUNCATE group_commit_probe');
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    sent.push(typeof q === 'string' ? q : String(q?.text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterAll(async () => {
  pg.Client.prototype.query = original;
  await pgPool().query('DROP TABLE group_commit_probe');
});

const insert = (k: string | null) => ({ text: 'INSERT INTO group_commit_probe (k) VALUES ($1) ON CONFLICT DO NOTHING RETURNING k', values: [k] });

describe('group commit', () => {
  it('runs a burst in a few transactions, answers each after its commit, and a failing statement fails alone', async () => {
    sent.length = 0;
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const results = await Promise.all(keys.map((k, i) => groupCommit(insert(k), i)));
    expect(results.map((r) => r.rows[0].k)).toEqual(keys);
    // Far fewer commits than statements: the burst shared transactions.
    expect(sent.filter((q) => q === 'COMMIT').length).toBeGreaterThan(0);
    expect(sent.filter((q) => q === 'BEGIN').length).toBeLessThan(10);

    const mixed = await Promise.allSettled([
      ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((k, i) => groupCommit(insert(k), i)),
      groupCommit(insert(null), 99), // violates NOT NULL
    ]);
    expect(mixed.map((r) => r.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected']);
    const { rows } = await pgPool().query('SELECT count(*)::int AS n FROM group_commit_probe');
    expect(rows[0].n).toBe(46);
  });

  it('runs a statement alone as one round trip (no transaction around it)', async () => {
    sent.length = 0;
    await groupCommit(insert('alone'), 1);
    expect(sent).toEqual([insert('alone').text]);
  });
});
