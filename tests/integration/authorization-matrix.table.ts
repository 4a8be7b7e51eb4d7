import type { Requirement } from '@/lib/auth/identity';

/**
 * THE AUTHORIZATION MATRIX: one row per route file under app/ (path relative to the repo), one
 * entry per exported HTTP method. authorization-matrix.test.ts fails when a route file or method
 * exists without a row here, or a row names a route or method that does not exist.
 *
 * Adding a route: add `'app/.../route.ts': { methods: { GET: { auth: '<who gets through>' } } }`,
 * normally the route({ auth }) value; if the handler narrows a 'public' route itself (e.g.
 * /api/metrics), write the effective requirement.
 * - Dynamic segments need `params` (use ids that do not exist, so allowed callers get 404/422
 *   rather than changing real data).
 * - From the `auth` value the test derives who must pass and who must get 401/403: anonymous,
 *   viewer, operator, admin (by API token and by session cookie with our Origin), an admin session
 *   without Origin (refused on changes: CSRF) and a valid node token of ANOTHER node. Allowed
 *   callers must get exactly `status` (default 200).
 * - For node-token routes, say what that other node's token gets (`otherNode`): 'denied' (by
 *   default: must be 403/404), or 'shared' for assets any booting node may fetch. `ctx.node` is the target node
 *   (id 1 in the database, management IP 10.240.0.11); `ctx.nodeToken` is the caller's node
 *   token, if the caller is a node (put it in the query when the route reads it from there).
 * - `skip` (with a reason) only for handlers that cannot run outside a Next request scope.
 */
export interface MatrixContext {
  node: { id: number; managementIp: string };
  nodeToken?: string;
}

export interface MethodRow {
  auth: Requirement;
  /** What a session caller needs, when it differs from `auth` (which then is what API tokens need). */
  session?: Requirement;
  /**
   * The status every allowed caller gets (default 200). Ids that do not exist give 404, bodies
   * that are deliberately incomplete 422: proof the call got past authorization into the handler.
   */
  status?: number;
  /** What a valid token of another node gets on a node route (default 'denied'). */
  otherNode?: 'denied' | 'shared';
  /** For public routes that answer a refusal in-band (e.g. an iPXE script): how to see it. */
  refused?: (res: Response) => boolean;
  body?: unknown;
  /** Why an allowed caller may get a 5xx here (e.g. the handler calls the cloud, absent in this test). */
  downstream?: string;
  query?: (ctx: MatrixContext) => Record<string, string | number>;
}

export interface RouteRow {
  params?: Record<string, string | string[]>;
  methods: Partial<Record<HttpMethod, MethodRow>>;
  skip?: string;
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const NO_USER = '00000000-0000-4000-8000-000000000000';
const NO_NODE = '999999';
const TARGET_IP = '10.240.0.11';

export const MATRIX: Record<string, RouteRow> = {
  'app/health/route.ts': { methods: { GET: { auth: 'public' } } },
  'app/api/[...path]/route.ts': {
    params: { path: ['no', 'such', 'route'] },
    methods: { GET: { status: 404, auth: 'public' }, POST: { status: 404, auth: 'public' }, PUT: { status: 404, auth: 'public' }, PATCH: { status: 404, auth: 'public' }, DELETE: { status: 404, auth: 'public' } },
  },
  'app/api/auth/[...nextauth]/route.ts': {
    params: { nextauth: ['session'] },
    skip: "next-auth's handler needs a Next request scope; e2e/auth.spec.ts signs in and out through it",
    methods: { GET: { auth: 'public' }, POST: { auth: 'public' } },
  },
  'app/api/info/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/audit/route.ts': { methods: { GET: { auth: 'operator' } } },
  // POST: any viewer by session or HTTP Basic, but minting with a Bearer token needs an admin.
  'app/api/tokens/route.ts': { methods: { GET: { auth: 'viewer' }, POST: { status: 201, auth: 'admin', session: 'viewer', body: { name: 'matrix' } } } },
  'app/api/tokens/[id]/route.ts': { params: { id: NO_USER }, methods: { DELETE: { status: 404, auth: 'viewer' } } },
  'app/api/users/route.ts': { methods: { GET: { auth: 'admin' }, POST: { status: 422, auth: 'admin', body: {} } } },
  'app/api/users/[id]/route.ts': {
    params: { id: NO_USER },
    methods: { GET: { status: 404, auth: 'admin' }, PATCH: { status: 404, auth: 'admin', body: { role: 'viewer' } }, DELETE: { status: 404, auth: 'admin' } },
  },
  'app/api/config/nodes/route.ts': { methods: { GET: { auth: 'viewer' }, POST: { status: 422, auth: 'operator', body: {} } } },
  'app/api/config/nodes/[id]/chain-url/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'admin' } } },
  'app/api/config/nodes/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/config/nodes/[id]/reinitialize/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 404, auth: 'operator' } } },
  'app/api/config/clusters/route.ts': { methods: { GET: { auth: 'viewer' }, POST: { status: 422, auth: 'operator', body: {} } } },
  'app/api/config/clusters/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' }, DELETE: { status: 404, auth: 'operator' } } },
  'app/api/config/clusters/[id]/events/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/config/clusters/[id]/retry/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 404, auth: 'operator' } } },
  'app/api/cleanup/batch/route.ts': { methods: { POST: { status: 422, auth: 'operator', body: {} } } },
  'app/api/cleanup/deployment/[id]/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 422, auth: 'operator' } } },
  'app/api/cleanup/findings/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/cleanup/findings/[id]/acknowledge/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 404, auth: 'operator' } } },
  'app/api/cleanup/findings/[id]/cleanup/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 404, auth: 'operator' } } },
  'app/api/cleanup/node/[id]/route.ts': { params: { id: NO_NODE }, methods: { POST: { status: 404, auth: 'operator' } } },
  'app/api/cleanup/orphaned/route.ts': { methods: { POST: { status: 422, auth: 'operator', body: { dry_run: 'not-a-boolean' } } } },
  'app/api/cleanup/plan/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/cleanup/resources/[id]/release/route.ts': { params: { id: '00000000-0000-4000-8000-000000000000' }, methods: { POST: { status: 404, auth: 'admin' } } },
  'app/api/cleanup/reconcile/route.ts': { methods: { POST: { status: 503, auth: 'operator', downstream: 'lists cloud resources; no simulator runs in this test' } } },
  'app/api/cleanup/script/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/cleanup/status/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/cleanup/validate/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/dns/records/route.ts': { methods: { GET: { auth: 'viewer' }, POST: { status: 422, auth: 'operator', body: {} } } },
  'app/api/dns/records/[name]/route.ts': { params: { name: 'no-such-record' }, methods: { GET: { status: 404, auth: 'viewer' }, DELETE: { status: 404, auth: 'operator' } } },
  'app/api/boot-images/route.ts': { methods: { GET: { auth: 'admin' }, POST: { status: 422, auth: 'admin', body: {} } } },
  'app/api/boot-images/[name]/route.ts': { params: { name: 'no-such-image' }, methods: { DELETE: { status: 404, auth: 'admin' } } },
  'app/api/openapi.json/route.ts': { methods: { GET: { auth: 'public' } } },
  'app/api/reinitialize/route.ts': { methods: { POST: { status: 422, auth: 'operator', body: {} } } },
  'app/api/status/stream/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/status/phase/route.ts': {
    methods: { POST: { auth: 'node', body: { server_ip: TARGET_IP, phase: 'installation', status: 'running', message: 'matrix' } } },
  },
  'app/api/status/route.ts': { methods: { POST: { auth: 'node', body: { server_ip: TARGET_IP, status: 'running', message: 'matrix' } } } },
  'app/api/installation/status/route.ts': { methods: { POST: { auth: 'node', body: { management_ip: TARGET_IP, phase: 3, message: 'matrix' } } } },
  'app/api/status/activity/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/status/events/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/status/summary/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/deployments/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/status/history/route.ts': { methods: { GET: { auth: 'viewer', query: () => ({ server_ip: TARGET_IP }) } } },
  'app/api/status/history/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/status/nodes/[id]/route.ts': { params: { id: NO_NODE }, methods: { GET: { status: 404, auth: 'viewer' } } },
  'app/api/status/deployment/[ip]/route.ts': { params: { ip: TARGET_IP }, methods: { GET: { auth: 'viewer' } } },
  // route({ auth: 'public' }) but authorizeMetricsScrape admits only METRICS_TOKEN, METRICS_ALLOW or admins.
  'app/api/metrics/route.ts': { methods: { GET: { auth: 'admin' } } },
  'app/api/web/database-export/route.ts': { methods: { GET: { auth: 'admin', query: () => ({ table: 'User' }) } } },
  'app/api/web/database-schema/route.ts': { methods: { GET: { auth: 'admin' } } },
  'app/api/web/database-table/route.ts': { methods: { GET: { auth: 'admin', query: () => ({ table: 'Node', limit: 5 }) } } },
  'app/api/web/database-tables/route.ts': { methods: { GET: { auth: 'admin' } } },
  'app/api/web/profile-details/route.ts': { methods: { GET: { status: 422, auth: 'viewer' } } },
  'app/api/web/profile-storage-config/route.ts': { methods: { GET: { status: 422, auth: 'viewer' } } },
  'app/api/web/server-profiles/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/web/storage-templates/route.ts': { methods: { GET: { auth: 'viewer' } } },
  'app/api/web/validate-node-config/route.ts': { methods: { POST: { status: 422, auth: 'viewer', body: {} } } },
  'app/boot/config/route.ts': {
    methods: {
      GET: {
        auth: 'public',
        query: (ctx) => ({ node_id: ctx.node.id, token: ctx.nodeToken ?? '' }),
        refused: (res) => res.headers.get('x-boot-decision') === 'denied' || res.headers.get('x-boot-decision') === 'invalid',
      },
    },
  },
  'app/boot/server/[ip]/route.ts': { params: { ip: TARGET_IP }, methods: { GET: { auth: 'node' } } },
  'app/boot/scripts/[name]/route.ts': { params: { name: 'matrix.sh' }, methods: { GET: { auth: 'node' } } },
  'app/boot/images/[file]/route.ts': {
    params: { file: 'kernel' },
    methods: { GET: { status: 404, auth: 'node', otherNode: 'shared' }, HEAD: { status: 404, auth: 'node', otherNode: 'shared' } },
  },
};
