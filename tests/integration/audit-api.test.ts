import { beforeEach, describe, expect, it } from 'vitest';
import { GET as auditApi } from '@/app/api/audit/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

async function seed() {
  const base = Date.parse('2026-11-01T00:00:00Z');
  const rows = Array.from({ length: 7 }, (_, i) => ({
    at: new Date(base + i * 3_600_000),
    actorType: 'user',
    actorId: i % 2 ? 'u-odd' : 'u-even',
    actorLabel: i % 2 ? 'odd@example.test' : 'even@example.test',
    action: i < 4 ? 'user.update' : 'node.create',
    targetType: i < 4 ? 'user' : 'node',
    targetId: String(i),
    after: { n: i, note: '=cmd|calc' },
  }));
  await db.auditLog.createMany({ data: rows });
}

describe('GET /api/audit', () => {
  beforeEach(resetDatabase);

  it('is for operators and admins, not viewers', async () => {
    const viewer = await userWithToken('viewer');
    const operator = await userWithToken('operator');
    expect((await auditApi(request('/api/audit', { token: viewer.token }))).status).toBe(403);
    expect((await auditApi(request('/api/audit', { token: operator.token }))).status).toBe(200);
  });

  it('pages newest first with a cursor until the end', async () => {
    await seed();
    const { token } = await userWithToken('operator');
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const res: Response = await auditApi(request(`/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token }));
      const page = await res.json();
      seen.push(...page.entries.map((e: { targetId: string }) => Number(e.targetId)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });

  it('filters by actor, action family, target and time range', async () => {
    await seed();
    const { token } = await userWithToken('admin');
    const ids = async (query: string) =>
      (await (await auditApi(request(`/api/audit?${query}`, { token }))).json()).entries.map((e: { targetId: string }) => e.targetId);
    expect(await ids('actor=odd@')).toEqual(['5', '3', '1']);
    expect(await ids('action=node.')).toEqual(['6', '5', '4']);
    expect(await ids('action=user.update&targetId=2')).toEqual(['2']);
    expect(await ids('from=2026-11-01T01:00:00Z&to=2026-11-01T03:00:00Z&targetType=user')).toEqual(['3', '2', '1']);
  });

  it('rejects a bad filter with a 422 naming it', async () => {
    const { token } = await userWithToken('admin');
    const res = await auditApi(request('/api/audit?from=yesterday&limit=1000', { token }));
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['query.from', 'query.limit']));
  });

  it('exports matching entries as CSV with before/after as quoted JSON', async () => {
    await seed();
    const { token } = await userWithToken('admin');
    const res = await auditApi(request('/api/audit?format=csv&action=node.', { token }));
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorType,actorId,actorLabel,action,targetType,targetId,outcome,sourceIp,requestId,before,after');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('node.create');
    expect(lines[1]).toContain('"{""n"":6,""note"":""=cmd|calc""}"');
  });
});
