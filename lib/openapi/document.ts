import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { APP_VERSION } from '@/lib/config/version';
import { API_OPERATIONS, type ApiOperation } from './operations';

const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const SECURITY: Record<string, Record<string, string[]>[]> = {
  public: [],
  node: [{ nodeToken: [] }, { nodeTokenQuery: [] }],
  viewer: [{ apiToken: [] }, { session: [] }],
  operator: [{ apiToken: [] }, { session: [] }],
  admin: [{ apiToken: [] }, { session: [] }],
};

function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function register(registry: OpenAPIRegistry, o: ApiOperation) {
  const errors = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: problem } } };
  registry.registerPath({
    method: o.method,
    path: o.path,
    tags: [o.tag],
    summary: o.summary,
    description: o.auth === 'public' ? 'No authentication.' : o.auth === 'node' ? "Requires the node's own boot token." : `Requires at least the ${o.auth} role.`,
    deprecated: o.deprecated,
    security: SECURITY[o.auth],
    request: {
      params: pathParams(o.path),
      query: o.query instanceof z.ZodObject ? o.query : undefined,
      body: o.body ? { content: { 'application/json': { schema: o.body } } } : undefined,
    },
    responses: {
      200: { description: 'Success', content: { [o.produces ?? 'application/json']: { schema: z.any() } } },
      400: errors, 401: errors, 403: errors, 404: errors, 422: errors, 429: errors,
    },
  });
}

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'API token from POST /api/tokens' });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' });
  registry.registerComponent('securitySchemes', 'nodeToken', { type: 'http', scheme: 'bearer', description: "A node's boot token" });
  registry.registerComponent('securitySchemes', 'nodeTokenQuery', { type: 'apiKey', in: 'query', name: 'token' });
  for (const o of API_OPERATIONS) register(registry, o);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Nutanix VPC Orchestrator API',
      version: APP_VERSION,
      description: 'Provision Nutanix CE nodes on IBM Cloud VPC bare metal. Errors are application/problem+json.',
    },
  });
  return cached;
}
