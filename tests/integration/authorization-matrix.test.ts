import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { hasRole, ROLES, type Role } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { isMethodNotAllowed } from '@/lib/http/method-not-allowed';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { sessionCookie } from '../helpers/session';
import { userWithToken } from '../helpers/users';
import { HTTP_METHODS, MATRIX, type MatrixContext, type MethodRow, type RouteRow } from './authorization-matrix.table';

const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * Every caller: anonymous, each role by API token, each role by session cookie from our own page
 * (Origin), an admin session without Origin (CSRF: refused on changes), another node's token.
 */
const SESSIONS = ROLES.map((r) => `${r}:session` as const);
const CALLERS = ['anonymous', ...ROLES, ...SESSIONS, 'admin:session-no-origin', 'otherNode'] as const;
type Caller = (typeof CALLERS)[number];
const ORIGIN = 'http://localhost:3000';
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

function expectation(row: MethodRow, caller: Caller, method: string): 'allowed' | 'denied' | 'refused' | 'not-their-node' {
  if (row.auth === 'public') return caller === 'otherNode' && row.refused ? 'refused' : 'allowed';
  if (row.auth === 'node') {
    if (caller !== 'otherNode') return 'denied';
    return row.otherNode === 'shared' ? 'allowed' : 'not-their-node';
  }
  if (caller === 'anonymous' || caller === 'otherNode') return 'denied';
  const [role, via] = caller.split(':') as [Role, string | undefined];
  if (via === 'session-no-origin' && !['GET', 'HEAD'].includes(method)) return 'denied';
  const needs = via ? (row.session ?? row.auth) : row.auth;
  return hasRole(role, needs as Role) ? 'allowed' : 'denied';
}

describe('authorization matrix', () => {
  const files = routeFiles();
  const ctx: MatrixContext = { node: { id: 0, managementIp: '10.240.0.11' } };
  const tokens = {} as Record<Role, string>;
  const cookies = {} as Record<Role, string>;
  let otherNodeToken = '';

  beforeAll(async () => {
    await resetDatabase();
    const target = await db.node.create({ data: { name: 'matrix-target', serverProfile: 'bx2d-metal-96x384', managementIp: ctx.node.managementIp } });
    const other = await db.node.create({ data: { name: 'matrix-other', serverProfile: 'bx2d-metal-96x384', managementIp: '10.240.0.12' } });
    ctx.node.id = target.id;
    await issueNodeToken(target.id);
    otherNodeToken = await issueNodeToken(other.id);
    for (const role of ROLES) {
      const { user, token } = await userWithToken(role);
      tokens[role] = token;
      cookies[role] = await sessionCookie(user.id);
    }
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
          const [role, via] = caller.split(':') as [Role, string | undefined];
          const token = caller === 'anonymous' || via ? undefined : caller === 'otherNode' ? otherNodeToken : tokens[role];
          const headers: Record<string, string> = via ? { cookie: cookies[role], ...(via === 'session' ? { origin: ORIGIN } : {}) } : {};
          const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
          const req = request(url, { method, token, headers, body: hasBody ? (entry.body ?? {}) : undefined });
          const res = await handler(req, params(row.params ?? {}));
          const why = `${caller} → ${res.status} ${res.status >= 400 ? (await res.clone().text()).slice(0, 300) : ''}`;
          const expected = expectation(entry, caller, method);
          // The exact answer of an allowed call: it got past authorization and did what the row says.
          if (expected === 'allowed') expect(res.status, why).toBe(entry.status ?? 200);
          if (expected === 'denied') expect([401, 403], why).toContain(res.status);
          if (expected === 'not-their-node') expect([403, 404], why).toContain(res.status);
          if (expected === 'refused') expect(entry.refused!(res), why).toBe(true);
        }
        // A downstream row waits for the cloud client to give up, once per allowed caller.
      }, entry.downstream ? 180_000 : undefined);
    }
  }
});
