import { z } from 'zod';
import { CURSOR_EXCLUSIVE, cursorExcludesOffsetAndSort, pagingFields } from '@/lib/db/paging';
import { ALL_NODE_STATUSES } from '@/lib/status/node-statuses';
import { STORAGE_TEMPLATES } from './storage-templates';

/**
 * Request schemas of the provisioning API (original paths and body shapes, §1.2). A node name
 * becomes an IBM resource name and a DNS label, so it is a lowercase label short enough to take
 * the resource prefix and suffixes (`nvo-<name>-workload-vni` stays under IBM's 63 characters).
 */
export const NODE_NAME_MAX = 40;
export const BULK_MAX = 20;

const nodeName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(NODE_NAME_MAX, `at most ${NODE_NAME_MAX} characters`);

export const NODE_NAME_PATTERN = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

export const clusterRoleSchema = z.enum(['compute', 'storage', 'compute-storage']);
export const clusterTypeSchema = z.enum(['single_node', 'multi_node']);
export const clusterOperationSchema = z.enum(['create_new', 'join_existing', 'none']);

export const nodeConfigSchema = z.object({
  node_name: nodeName,
  server_profile: z.string().trim().min(1, 'required'),
  cluster_role: clusterRoleSchema.optional(),
  storage_template: z.enum(STORAGE_TEMPLATES.map((t) => t.name) as [string, ...string[]]).optional(),
});

export const networkConfigSchema = z.object({
  management_subnet: z.literal('auto').optional(),
  /** One workload subnet (a reserved IP binds to one subnet; the Python original's list never worked, docs/reference/original-detailed.md §11.2). */
  workload_subnets: z.array(z.string().trim().min(1)).max(1, 'one workload subnet per node').optional(),
  cluster_operation: clusterOperationSchema.optional(),
});

export const clusterConfigSchema = z.object({
  cluster_type: clusterTypeSchema.optional(),
  cluster_name: z.string().trim().regex(NODE_NAME_PATTERN, 'lowercase letters, digits and hyphens').max(40).optional(),
  cluster_operation: clusterOperationSchema.optional(),
});

/**
 * POST /api/config/nodes. With `count` > 1 the node name is a pattern holding `{n}`, replaced by
 * start_index, start_index+1, ... (e.g. `ntnx-{n}` → ntnx-1, ntnx-2).
 */
export const provisionRequestSchema = z
  .object({
    node_config: nodeConfigSchema,
    network_config: networkConfigSchema.optional(),
    cluster_config: clusterConfigSchema.optional(),
    count: z.coerce.number().int().min(1).max(BULK_MAX, `at most ${BULK_MAX} nodes per request`).default(1),
    start_index: z.coerce.number().int().min(0).max(9999).default(1),
  })
  .superRefine((body, ctx) => {
    const name = body.node_config.node_name;
    if (body.count > 1 && !name.includes('{n}')) {
      ctx.addIssue({ code: 'custom', path: ['node_config', 'node_name'], message: 'a bulk request needs {n} in the name pattern, e.g. ntnx-{n}' });
    }
  });

export type ProvisionRequest = z.output<typeof provisionRequestSchema>;

export const dryRunQuerySchema = z.object({
  dry_run: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});

/** POST /api/web/validate-node-config (the form's inline validation). */
export const validateNodeConfigSchema = z.object({
  node_name: nodeName,
  server_profile: z.string().trim().min(1, 'required'),
  cluster_role: clusterRoleSchema.optional(),
  storage_template: z.string().trim().optional(),
  cluster_operation: clusterOperationSchema.optional(),
  count: z.coerce.number().int().min(1).max(BULK_MAX).default(1),
  start_index: z.coerce.number().int().min(0).max(9999).default(1),
});

export const profileQuerySchema = z.object({ profile: z.string().trim().min(1, 'required') });
export const profileStorageQuerySchema = z.object({
  profile: z.string().trim().min(1, 'required'),
  template: z.string().trim().min(1).default('nutanix_default'),
});

/** GET /api/config/nodes. */
/** Columns of GET /api/config/nodes that `sort` accepts (each backed by an index ending in id). */
export const NODE_SORTS = ['created_at', 'node_name', 'deployment_status', 'phase', 'progress', 'management_ip', 'server_profile'] as const;

/**
 * GET /api/config/nodes: filters, then either a keyset `cursor` (the id of the last node of the
 * previous page, newest first) or numbered pages with `offset`, `sort` and `order`.
 */
export const listNodesQuerySchema = z
  .object({
    status: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
      .pipe(z.array(z.enum(ALL_NODE_STATUSES)).optional()),
    search: z.string().trim().max(100).optional(),
    cursor: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    ...pagingFields(NODE_SORTS),
  })
  .refine(cursorExcludesOffsetAndSort, CURSOR_EXCLUSIVE);

export type ListNodesQuery = z.output<typeof listNodesQuerySchema>;

/** POST /api/reinitialize: node_id or mgmt_ip, from the query or the JSON body (query wins). */
export const reinitializeSchema = z
  .object({
    node_id: z.coerce.number().int().min(1, 'must be a positive integer').optional(),
    mgmt_ip: z.ipv4('must be an IPv4 address').optional(),
  })
  .refine((v) => v.node_id !== undefined || v.mgmt_ip !== undefined, { message: 'give node_id or mgmt_ip', path: ['node_id'] });

export const nodeIdParamSchema = z.object({ id: z.coerce.number().int().min(1, 'must be a positive integer') });
