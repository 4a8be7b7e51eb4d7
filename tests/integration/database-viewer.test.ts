import { beforeEach, describe, expect, it } from 'vitest';
import { GET as exportTable } from '@/app/api/web/database-export/route';
import { GET as schemaApi } from '@/app/api/web/database-schema/route';
import { GET as tableApi } from '@/app/api/web/database-table/route';
import { GET as tablesApi } from '@/app/api/web/database-tables/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

const SECRET_COLUMNS = ['passwordHash', 'tokenHash', 'bootTokenHash', 'bootTokenSealed'];

async function seedNodes(n: number) {
  for (let i = 0; i < n; i++) {
    await db.node.create({
      data: { name: `viewer-node-${String(i).padStart(2, '0')}`, serverProfile: 'bx2d-metal-96x384', bootTokenHash: `hash-${i}`, bootTokenSealed: `sealed-${i}` },
    });
  }
}

describe('database viewer API', () => {
  let admin: string;
  beforeEach(async () => {
    await resetDatabase();
    admin = (await userWithToken('admin')).token;
  });

  it('is for admins only', async () => {
    const operator = (await userWithToken('operator')).token;
    for (const [handler, url] of [
      [tablesApi, '/api/web/database-tables'],
      [schemaApi, '/api/web/database-schema'],
      [tableApi, '/api/web/database-table?table=Node'],
      [exportTable, '/api/web/database-export?table=Node'],
    ] as const) {
      expect((await handler(request(url, { token: operator }))).status, url).toBe(403);
      expect((await handler(request(url))).status, url).toBe(401);
      expect((await handler(request(url, { token: admin }))).status, url).toBe(200);
    }
  });

  it('lists exactly the app\'s own Prisma models by their schema names, with row counts', async () => {
    await seedNodes(3);
    const { tables } = await (await tablesApi(request('/api/web/database-tables', { token: admin }))).json();
    const names = tables.map((t: { name: string }) => t.name);
    expect(names).toContain('Node');
    expect(names).toContain('User');
    expect(names).toContain('DeploymentEvent');
    expect(names.some((n: string) => /^(job|pgboss|_prisma|pg_)/i.test(n))).toBe(false);
    expect(tables.find((t: { name: string }) => t.name === 'Node').rows).toBe(3);
  });

  it('never shows secret columns, in the schema, a page or the export', async () => {
    await seedNodes(1);
    const schema = await (await schemaApi(request('/api/web/database-schema', { token: admin }))).json();
    const allColumns = schema.tables.flatMap((t: { columns: { name: string }[] }) => t.columns.map((c) => c.name));
    for (const secret of SECRET_COLUMNS) expect(allColumns).not.toContain(secret);
    expect(schema.tables.find((t: { name: string }) => t.name === 'Node').columns).toContainEqual({ name: 'name', type: 'String' });

    for (const table of ['User', 'ApiToken', 'Node']) {
      const page = await (await tableApi(request(`/api/web/database-table?table=${table}`, { token: admin }))).json();
      const text = JSON.stringify(page);
      for (const secret of SECRET_COLUMNS) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/\$2[aby]\$|hash-0|sealed-0/);
    }
    const csv = await (await exportTable(request('/api/web/database-export?table=Node', { token: admin }))).text();
    expect(csv).not.toMatch(/hash-0|sealed-0|bootTokenHash/);
    const users = await (await exportTable(request('/api/web/database-export?table=User', { token: admin }))).text();
    expect(users).not.toMatch(/\$2[aby]\$|passwordHash/);
  });

  it('pages and sorts in the database', async () => {
    await seedNodes(12);
    const first = await (await tableApi(request('/api/web/database-table?table=Node&limit=5&offset=0&sort=-name', { token: admin }))).json();
    expect(first).toMatchObject({ table: 'Node', total: 12, limit: 5, offset: 0, sort: '-name' });
    expect(first.rows.map((r: { name: string }) => r.name)).toEqual(['viewer-node-11', 'viewer-node-10', 'viewer-node-09', 'viewer-node-08', 'viewer-node-07']);
    const last = await (await tableApi(request('/api/web/database-table?table=Node&limit=5&offset=10&sort=name', { token: admin }))).json();
    expect(last.rows.map((r: { name: string }) => r.name)).toEqual(['viewer-node-10', 'viewer-node-11']);
  });

  it('refuses an unknown table or sort column with a 400 naming the field, never touching SQL', async () => {
    for (const [url, field] of [
      ['/api/web/database-table?table=pg_user', 'table'],
      ['/api/web/database-table?table=node', 'table'],
      ['/api/web/database-table?table=Node%22%3B%20DROP%20TABLE%20%22User', 'table'],
      ['/api/web/database-table?table=job', 'table'],
      ['/api/web/database-table?table=User&sort=passwordHash', 'sort'],
      ['/api/web/database-table?table=Node&sort=nope', 'sort'],
      ['/api/web/database-export?table=_prisma_migrations', 'table'],
    ]) {
      const handler = url.includes('export') ? exportTable : tableApi;
      const res = await handler(request(url, { token: admin }));
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = await res.json();
      expect(body.errors.map((e: { field: string }) => e.field), url).toContain(field);
    }
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it('exports a whole table as CSV, streamed in batches', async () => {
    await db.auditLog.createMany({ data: Array.from({ length: 1205 }, (_, i) => ({ actorType: 'system', action: `a.${i}`, after: { note: '=cmd' } })) });
    const res = await exportTable(request('/api/web/database-export?table=AuditLog', { token: admin }));
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="AuditLog.csv"');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0].split(',')).toContain('action');
    expect(lines).toHaveLength(1206);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(1205);
  });
});
