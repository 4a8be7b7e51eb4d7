import { beforeAll, describe, expect, it } from 'vitest';
import type { NextRequest } from 'next/server';
import { GET as auditApi } from '@/app/api/audit/route';
import { GET as nodesApi } from '@/app/api/config/nodes/route';
import { GET as deploymentsApi } from '@/app/api/deployments/route';
import { GET as dnsApi } from '@/app/api/dns/records/route';
import { dnsZone } from '@/lib/cleanup/runtime';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

/**
 * The list APIs page, sort and filter in the database and report the true total, at a scale where
 * the old "fetch 200, page in the browser" could not show everything: 3,000 nodes, deployments,
 * audit entries and DNS records, seeded set-based.
 */
const N = 3000;
const STATUSES = ['deployed', 'failed', 'deploying'];

let token: string;

async function getJson(handler: (req: NextRequest) => Promise<Response>, url: string) {
  const res = await handler(request(url, { token }));
  expect(res.status, url).toBe(200);
  return res.json();
}

beforeAll(async () => {
  await resetDatabase();
  ({ token } = await userWithToken('operator'));
  // Node i: name n-<i zero-padded>, status by i % 3, progress i % 101, created i seconds after base.
  await db.$executeRaw`
    INSERT INTO "Node" ("name", "serverProfile", "status", "progress", "managementIp", "createdAt", "updatedAt")
    SELECT 'n-' || lpad(g::text, 5, '0'), 'cx3d-metal-48x128', (${STATUSES}::text[])[1 + g % 3], g % 101,
           '10.' || (g / 256) || '.' || (g % 256) || '.1', timestamp '2026-11-01' + g * interval '1 second', now()
    FROM generate_series(1, ${N}::int) g`;
  await db.$executeRaw`
    INSERT INTO "Deployment" ("id", "kind", "status", "nodeId", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), CASE WHEN n.id % 2 = 0 THEN 'provision' ELSE 'cleanup' END, n.status, n.id,
           timestamp '2026-11-01' + (n.id % 500) * interval '1 minute', now()
    FROM "Node" n`;
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("at", "actorType", "actorLabel", "action", "targetType", "targetId")
    SELECT timestamp '2026-11-01' + g * interval '1 second', 'user', 'u' || (g % 7) || '@example.test',
           CASE WHEN g % 4 = 0 THEN 'node.provision' ELSE 'user.update' END, 'node', g::text
    FROM generate_series(1, ${N}::int) g`;
  await db.$executeRaw`
    INSERT INTO "DnsRecord" ("name", "type", "rdata", "zoneId", "owner")
    SELECT 'host-' || lpad(g::text, 5, '0'), 'A', '10.9.' || (g / 256) || '.' || (g % 256), ${dnsZone().zoneId}, CASE WHEN g % 10 = 0 THEN 'manual' ELSE 'node' END
    FROM generate_series(1, ${N}::int) g`;
}, 120_000);

describe('GET /api/config/nodes at scale', () => {
  it('reports the true total and pages through every node by offset with no gap or repeat', async () => {
    const seen = new Set<number>();
    for (let offset = 0; ; offset += 200) {
      const page = await getJson(nodesApi, `/api/config/nodes?limit=200&offset=${offset}`);
      expect(page.total).toBe(N);
      for (const n of page.nodes) seen.add(n.id);
      if (page.nodes.length < 200) break;
    }
    expect(seen.size).toBe(N);
  });

  it('continues by keyset cursor through every node, newest first', async () => {
    const ids: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { nodes: { id: number }[]; next_cursor: number | null; total: number } = await getJson(nodesApi, `/api/config/nodes?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(N);
      ids.push(...page.nodes.map((n) => n.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids).toHaveLength(N);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('sorts on the server by any sortable column, ties broken by id, and filters with the filtered total', async () => {
    const byName = await getJson(nodesApi, '/api/config/nodes?limit=3&sort=node_name&order=asc&offset=10');
    expect(byName.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(['n-00011', 'n-00012', 'n-00013']);
    const byProgress = await getJson(nodesApi, '/api/config/nodes?limit=5&sort=progress&order=desc');
    expect(byProgress.nodes.map((n: { progress: number }) => n.progress)).toEqual([100, 100, 100, 100, 100]);
    expect(byProgress.nodes.map((n: { id: number }) => n.id)).toEqual([...byProgress.nodes.map((n: { id: number }) => n.id)].sort((a, b) => b - a));
    const failed = await getJson(nodesApi, '/api/config/nodes?status=failed&limit=10&offset=990&sort=node_name');
    expect(failed.total).toBe(N / 3);
    expect(failed.nodes).toHaveLength(10);
    expect(failed.nodes.every((n: { deployment_status: string }) => n.deployment_status === 'failed')).toBe(true);
    const search = await getJson(nodesApi, '/api/config/nodes?search=n-0299');
    expect(search.total).toBe(10);
  });

  it('refuses an unknown sort column and a cursor combined with a sort', async () => {
    expect((await nodesApi(request('/api/config/nodes?sort=bootTokenHash', { token }))).status).toBe(422);
    expect((await nodesApi(request('/api/config/nodes?cursor=5&sort=node_name', { token }))).status).toBe(422);
  });
});

describe('GET /api/deployments, /api/audit and /api/dns/records at scale', () => {
  it('deployments: true total, numbered pages in any sort, cursor pages newest first', async () => {
    const first = await getJson(deploymentsApi, '/api/deployments?limit=50&kind=provision&sort=status&order=asc');
    expect(first.total).toBe(N / 2);
    expect(first.deployments.map((d: { status: string }) => d.status)).toEqual(first.deployments.map((d: { status: string }) => d.status).sort());
    const last = await getJson(deploymentsApi, `/api/deployments?limit=50&kind=provision&offset=${N / 2 - 20}`);
    expect(last.deployments).toHaveLength(20);
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { deployments: { id: string }[]; next_cursor: string | null } = await getJson(deploymentsApi, `/api/deployments?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      for (const d of page.deployments) ids.add(d.id);
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids.size).toBe(N);
  });

  it('audit: true total with a filter, sort by action, offset pages', async () => {
    const provisions = await getJson(auditApi, '/api/audit?action=node.provision&limit=10&offset=740');
    expect(provisions.total).toBe(N / 4);
    expect(provisions.entries).toHaveLength(10);
    const byAction = await getJson(auditApi, '/api/audit?sort=action&order=asc&limit=1');
    expect(byAction.entries[0].action).toBe('node.provision');
    const byActionLast = await getJson(auditApi, `/api/audit?sort=action&order=asc&limit=1&offset=${N - 1}`);
    expect(byActionLast.entries[0].action).toBe('user.update');
  });

  it('dns: true total, filters by owner, sorts by value, pages by offset', async () => {
    const manual = await getJson(dnsApi, '/api/dns/records?owner=manual&limit=25&offset=275');
    expect(manual.total).toBe(N / 10);
    expect(manual.records).toHaveLength(25);
    expect(manual.count).toBe(25);
    const all = await getJson(dnsApi, '/api/dns/records');
    expect(all.total).toBe(N);
    expect(all.records).toHaveLength(1000);
    const byValue = await getJson(dnsApi, '/api/dns/records?sort=rdata&order=desc&limit=2');
    expect(byValue.records.map((r: { rdata: string }) => r.rdata)).toEqual(['10.9.9.99', '10.9.9.98']);
  });
});
