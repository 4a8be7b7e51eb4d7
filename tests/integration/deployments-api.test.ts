import { beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/deployments/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

describe('GET /api/deployments', () => {
  beforeEach(resetDatabase);

  async function seed() {
    const alpha = await db.node.create({ data: { name: 'alpha-01', serverProfile: 'p' } });
    const beta = await db.node.create({ data: { name: 'beta-01', serverProfile: 'p' } });
    const base = Date.parse('2026-11-20T10:00:00Z');
    for (let i = 0; i < 7; i++) {
      await db.deployment.create({
        data: {
          kind: i % 3 === 0 ? 'cleanup' : 'provision',
          status: i % 2 ? 'failed' : 'succeeded',
          nodeId: i < 4 ? alpha.id : beta.id,
          createdAt: new Date(base + i * 60_000),
          startedAt: new Date(base + i * 60_000),
          finishedAt: new Date(base + i * 60_000 + 90_000),
          error: i === 1 ? 'quota, "exceeded"' : null,
        },
      });
    }
  }

  it('pages newest first with an opaque cursor until the end', async () => {
    await seed();
    const { token } = await userWithToken('viewer');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/deployments?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await (await GET(request(url, { token }))).json();
      seen.push(...page.deployments.map((d: { created_at: string }) => d.created_at));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect((await GET(request('/api/deployments?cursor=garbage', { token }))).status).toBe(422);
  });

  it('filters by kind, status and node name, and exports the same rows as CSV', async () => {
    await seed();
    const { token } = await userWithToken('viewer');
    const res = await GET(request('/api/deployments?kind=provision&status=failed&q=ALPHA', { token }));
    const body = await res.json();
    expect(body.deployments.map((d: { node_name: string; kind: string; status: string; duration_seconds: number }) => [d.node_name, d.kind, d.status, d.duration_seconds]))
      .toEqual([['alpha-01', 'provision', 'failed', 90]]);
    const csv = await GET(request('/api/deployments?kind=provision&status=failed&q=alpha&format=csv', { token }));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,status,node_id,node_name,cluster_id,cluster_name,current_step,error,requested_by,created_at,started_at,finished_at,duration_seconds');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"quota, ""exceeded"""');
    expect((await GET(request('/api/deployments?kind=bogus', { token }))).status).toBe(422);
  });
});
