import { z } from 'zod';
import { CLUSTER_TYPES, checkMembership, defaultRedundancyFactor } from './rules';

/** Cluster names become DNS labels (`<name>.<zone>`), so they follow DNS label rules. */
export const clusterName = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'lowercase letters, digits and dashes; starts with a letter, ends with a letter or digit');

const nodeName = z.string().trim().min(1).max(63);

export const provisionMembers = z.object({
  count: z.number().int().min(1, 'at least 1 node').max(16, 'at most 16 nodes'),
  serverProfile: z.string().trim().min(1, 'required'),
  storageTemplate: z.string().trim().min(1).optional(),
  /** New nodes are named `<namePrefix>-<n>`; defaults to the cluster name. */
  namePrefix: z.string().trim().regex(/^[a-z][a-z0-9-]{0,40}$/, 'lowercase letters, digits and dashes').optional(),
});

const richBody = z
  .object({
    name: clusterName,
    type: z.enum(CLUSTER_TYPES),
    nodeIds: z.array(z.number().int().positive()).min(1, 'at least 1 node').max(32).optional(),
    /** Only from the Python original's body (see fromOriginalBody), whose `nodes` were node names. */
    nodeNames: z.array(nodeName).min(1).max(32).optional(),
    provision: provisionMembers.optional(),
    redundancyFactor: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    dnsServers: z.array(z.ipv4('an IPv4 address')).max(4, 'at most 4 DNS servers').optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const sources = [body.nodeIds, body.nodeNames, body.provision].filter((s) => s !== undefined).length;
    if (sources !== 1) {
      ctx.addIssue({ code: 'custom', path: ['nodeIds'], message: 'give either nodeIds (existing nodes) or provision (new nodes)' });
      return;
    }
    const list: (number | string)[] | undefined = body.nodeIds ?? body.nodeNames;
    if (list && new Set(list).size !== list.length) {
      ctx.addIssue({ code: 'custom', path: [body.nodeIds ? 'nodeIds' : 'nodeNames'], message: 'a node is listed twice' });
    }
    const field = body.provision ? 'provision.count' : body.nodeIds ? 'nodeIds' : 'nodeNames';
    const count = body.provision?.count ?? list!.length;
    const rf = body.redundancyFactor ?? defaultRedundancyFactor(body.type);
    for (const e of checkMembership(body.type, count, rf, field)) {
      ctx.addIssue({ code: 'custom', path: e.field.split('.'), message: e.message });
    }
  });

/**
 * The Python original's body `{cluster_config:{cluster_name, cluster_type, nodes}}` (docs/reference/original-detailed.md §1.3, §6)
 * rewritten into the richer shape: `standard` (its default) is multi_node; `nodes` may hold ids or names.
 */
function fromOriginalBody(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || !('cluster_config' in raw)) return raw;
  const cc = (raw as { cluster_config: unknown }).cluster_config;
  if (!cc || typeof cc !== 'object') return { name: undefined, type: undefined };
  const c = cc as Record<string, unknown>;
  const nodes = Array.isArray(c.nodes) ? c.nodes : undefined;
  const type = c.cluster_type === 'single_node' ? 'single_node' : c.cluster_type === undefined || c.cluster_type === 'standard' || c.cluster_type === 'multi_node' ? 'multi_node' : c.cluster_type;
  const byId = nodes?.every((n) => typeof n === 'number' || (typeof n === 'string' && /^\d+$/.test(n)));
  return {
    name: c.cluster_name ?? (nodes ? `cluster-${nodes.length}-node` : undefined),
    type,
    ...(nodes === undefined ? { nodeIds: c.nodes } : byId ? { nodeIds: nodes.map(Number) } : { nodeNames: nodes }),
    ...(c.redundancy_factor !== undefined && { redundancyFactor: c.redundancy_factor }),
    ...(c.dns_servers !== undefined && { dnsServers: c.dns_servers }),
  };
}

/** POST /api/config/clusters: the richer body, or the Python original's (rewritten before validation). */
export const createClusterRequest = z.preprocess(fromOriginalBody, richBody);
export type CreateClusterRequest = z.output<typeof createClusterRequest>;

export const deleteClusterQuery = z.object({
  force: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});

export const clusterIdParam = z.object({ id: z.coerce.number().int().positive('a positive cluster id') });
