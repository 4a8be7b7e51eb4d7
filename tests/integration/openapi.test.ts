import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMethodNotAllowed } from '@/lib/http/method-not-allowed';
import { openApiDocument } from '@/lib/openapi/document';
import { API_OPERATIONS } from '@/lib/openapi/operations';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
// Catch-alls that are not API operations of their own.
const UNDOCUMENTED = new Set(['/api/{path}', '/api/auth/{nextauth}']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === 'route.ts' ? [full] : [];
  });
}

/** app/api/config/nodes/[id]/route.ts → /api/config/nodes/{id}; route groups vanish. */
function urlPathOf(file: string): string {
  const rel = path.relative(path.resolve('app'), path.dirname(file)).split(path.sep);
  const segments = rel
    .filter((s) => !(s.startsWith('(') && s.endsWith(')')))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?(\w+)\]?\]$/, '{$1}'));
  return '/' + segments.join('/');
}

async function implementedOperations() {
  const found: string[] = [];
  for (const file of routeFiles(path.resolve('app'))) {
    const urlPath = urlPathOf(file);
    if (UNDOCUMENTED.has(urlPath)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === 'function' && !isMethodNotAllowed(mod[m])) found.push(`${m.toLowerCase()} ${urlPath}`);
  }
  return found.sort();
}

describe('OpenAPI document', () => {
  it('documents exactly the operations the route handlers implement', async () => {
    const documented = API_OPERATIONS.map((o) => `${o.method} ${o.path}`).sort();
    expect(documented).toEqual(await implementedOperations());
  }, 120_000);

  it('derives request bodies from the handlers\' zod schemas', () => {
    const doc = openApiDocument();
    const post = doc.paths?.['/api/config/nodes']?.post;
    const schema = (post?.requestBody as { content: Record<string, { schema: { properties?: Record<string, unknown> } }> })
      .content['application/json'].schema;
    expect(Object.keys(schema.properties ?? {})).toContain('node_config');
    expect(doc.paths?.['/api/status/phase']?.post?.security).toEqual([{ nodeToken: [] }, { nodeTokenQuery: [] }]);
  });
});
