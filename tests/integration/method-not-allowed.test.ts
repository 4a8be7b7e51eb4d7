import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { params, request } from '../helpers/request';

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (req: Request, segment: { params: Promise<unknown> }) => Promise<Response> | Response;

function routeFiles(): string[] {
  return (readdirSync(path.join(ROOT, 'app'), { recursive: true }) as string[])
    .filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f))
    .map((f) => `app/${f.split(path.sep).join('/')}`)
    .sort();
}

// Next answers a method a route file does not export with an empty 405; every route file must
// instead export the others through methodsNotAllowed() (lib/http/method-not-allowed.ts).
describe('wrong methods', () => {
  for (const file of routeFiles()) {
    it(`${file} answers every method it does not implement with problem+json 405 and Allow`, async () => {
      const mod = await import(path.join(ROOT, file));
      const missing = METHODS.filter((m) => typeof mod[m] !== 'function');
      expect(missing, `${file} must export the methods it does not implement via methodsNotAllowed()`).toEqual([]);
      const { isMethodNotAllowed } = await import('@/lib/http/method-not-allowed');
      const implemented = METHODS.filter((m) => !isMethodNotAllowed(mod[m]));
      const expectedAllow = [...implemented, ...(implemented.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort().join(', ');
      for (const method of METHODS.filter((m) => isMethodNotAllowed(mod[m]))) {
        const res = await (mod[method] as Handler)(request('/x', { method }), params({}));
        expect(res.status, `${method} ${file}`).toBe(405);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.headers.get('allow')).toBe(expectedAllow);
        const body = await res.json();
        expect(body).toMatchObject({ status: 405, title: 'Method not allowed' });
        expect(body.detail).toContain(method);
      }
    });
  }
});
