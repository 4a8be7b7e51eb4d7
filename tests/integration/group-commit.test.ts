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
    const transactions = sent.filter((q) => q.startsWith('BEGIN'));
    expect(transactions.length).toBeGreaterThan(0);
    expect(transactions.length).toBeLessThan(10);
    expect(transactions.every((q) => q.trimEnd().endsWith('COMMIT'))).toBe(true);

    const mixed = await Promise.allSettled([
      ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((k, i) => groupCommit(insert(k), i)),
      groupCommit(insert(null), 99), // violates NOT NULL
    ]);
    expect(mixed.map((r) => r.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected']);
    const { rows } = await pgPool().query('SELECT count(*)::int AS n FROM group_commit_probe');
    expect(rows[0].n).toBe(46);
  });

  it('sends a shared commit as one message: BEGIN, the statements and COMMIT in one round trip', async () => {
    sent.length = 0;
    // Two statements start alone (one per write connection); the other 38 queue behind them and
    // go as one batch. One by one that was 38 statements + BEGIN + COMMIT: 42 round trips.
    await Promise.all(Array.from({ length: 40 }, (_, i) => groupCommit(insert(`rt${i}`), i)));
    expect(sent.length).toBeLessThanOrEqual(6); // 2 alone, 1 batch, a PREPARE per connection
  });

  it('keeps every value exactly as bound, whatever characters it holds', async () => {
    const nasty = [`O'Brien`, `back\\slash\\`, `'); DROP TABLE group_commit_probe; --`, `$1 $$ $q$`, 'ünïcødé ✓ \n\t', `E'x'`, ''];
    const results = await Promise.all(nasty.map((k, i) => groupCommit(insert(k), i)));
    expect(results.map((r) => r.rows[0]?.k)).toEqual(nasty);
    const { rows } = await pgPool().query('SELECT k FROM group_commit_probe WHERE k = ANY($1)', [nasty]);
    expect(rows.map((r) => r.k).sort()).toEqual([...nasty].sort());
  });

  it('runs a statement alone as one round trip (no transaction around it)', async () => {
    sent.length = 0;
    await groupCommit(insert('alone'), 1);
    expect(sent).toEqual([insert('alone').text]);
  });
});
