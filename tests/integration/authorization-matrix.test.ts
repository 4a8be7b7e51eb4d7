import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { hasRole, ROLES, type Role } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { isMethodNotAllowed } from '@/lib/http/method-not-allowed';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';
import { HTTP_METHODS, MATRIX, type MatrixContext, type MethodRow, type RouteRow } from './authorization-matrix.table';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CALLERS = ['anonymous', ...ROLES, 'otherNode'] as const;
type Caller = (typeof CALLERS)[number];
type Handler = (req: Request, segment: { params: Promise<unknown> }) => Promise<Response>;

/** Every route file under app/, as 'app/.../route.ts'. */
function routeFiles(): string[] {
  return (readdirSync(path.join(ROOT, 'app'), { recursive: true }) as string[])
    .filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f))
    .map((f) => `app/${f.split(path.sep).join('/')}`)
    .sort();
}

/** The URL of a route file with its dynamic segments filled in; route groups vanish. */
function urlOf(file: string, values: RouteRow['params'] = {}): string {
  const segments = file.replace(/^app\//, '').replace(/\/?route\.\w+$/, '').split('/').filter((s) => s && !/^\(.*\)$/.test(s));
  const filled = segments.map((s) => {
    const name = s.match(/^\[(?:\.\.\.)?(.+)\]$/)?.[1];
    if (!name) return s;
    const value = values[name];
    if (value === undefined) throw new Error(`${file}: the matrix row needs params.${name}`);
    return Array.isArray(value) ? value.join('/') : encodeURIComponent(value);
  });
  return '/' + filled.join('/');
}

function expectation(row: MethodRow, caller: Caller): 'allowed' | 'denied' | 'refused' | 'not-their-node' {
  if (row.auth === 'public') return caller === 'otherNode' && row.refused ? 'refused' : 'allowed';
  if (row.auth === 'node') {
    if (caller !== 'otherNode') return 'denied';
    return row.otherNode === 'shared' ? 'allowed' : 'not-their-node';
  }
  return caller !== 'anonymous' && caller !== 'otherNode' && hasRole(caller as Role, row.auth) ? 'allowed' : 'denied';
}

describe('authorization matrix', () => {
  const files = routeFiles();
  const ctx: MatrixContext = { node: { id: 0, managementIp: '10.240.0.11' } };
  const tokens = {} as Record<Role, string>;
  let otherNodeToken = '';

  beforeAll(async () => {
    await resetDatabase();
    const target = await db.node.create({ data: { name: 'matrix-target', serverProfile: 'bx2d-metal-96x384', managementIp: ctx.node.managementIp } });
    const other = await db.node.create({ data: { name: 'matrix-other', serverProfile: 'bx2d-metal-96x384', managementIp: '10.240.0.12' } });
    ctx.node.id = target.id;
    await issueNodeToken(target.id);
    otherNodeToken = await issueNodeToken(other.id);
    for (const role of ROLES) tokens[role] = (await userWithToken(role)).token;
  });

  it('has a row for every route file and exported method, and none for routes that are gone', async () => {
    expect(Object.keys(MATRIX).sort(), 'rows in tests/integration/authorization-matrix.table.ts vs route files').toEqual(files);
    for (const file of files) {
      const mod = await import(path.join(ROOT, file));
      const exported = HTTP_METHODS.filter((m) => typeof mod[m] === 'function' && !isMethodNotAllowed(mod[m]));
      expect(Object.keys(MATRIX[file].methods).sort(), `methods of ${file}`).toEqual([...exported].sort());
    }
  });

  for (const [file, row] of Object.entries(MATRIX)) {
    for (const [method, entry] of Object.entries(row.methods) as [string, MethodRow][]) {
      const title = `${method} ${file.replace(/^app/, '').replace(/\/route\.ts$/, '') || '/'} (${entry.auth})`;
      it.skipIf(Boolean(row.skip))(title, async () => {
        const handler = (await import(path.join(ROOT, file)))[method] as Handler;
        for (const caller of CALLERS) {
          const nodeToken = caller === 'otherNode' ? otherNodeToken : undefined;
          const query = new URLSearchParams(Object.entries(entry.query?.({ ...ctx, nodeToken }) ?? {}).map(([k, v]) => [k, String(v)]));
          const url = urlOf(file, row.params) + (query.size ? `?${query}` : '');
          const token = caller === 'anonymous' ? undefined : caller === 'otherNode' ? otherNodeToken : tokens[caller];
          const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
          const req = request(url, { method, token, body: hasBody ? (entry.body ?? {}) : undefined });
          const res = await handler(req, params(row.params ?? {}));
          const why = `${caller} → ${res.status} ${res.status >= 400 ? await res.clone().text() : ''}`;
          const expected = expectation(entry, caller);
          if (expected === 'allowed') expect((entry.downstream || res.status < 500) && ![401, 403].includes(res.status), why).toBe(true);
          if (expected === 'denied') expect([401, 403], why).toContain(res.status);
          if (expected === 'not-their-node') expect([403, 404], why).toContain(res.status);
          if (expected === 'refused') expect(entry.refused!(res), why).toBe(true);
        }
      });
    }
  }
});
