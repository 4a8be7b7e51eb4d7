import { send } from '@/components/common/send';
import type { NodeSummary } from '@/lib/provisioning/queries';
import type { BulkOutcome } from './BulkResults';

type Node = Pick<NodeSummary, 'id' | 'node_name'>;

const queued = (n: Node, action: string, detail: string): BulkOutcome => ({ id: n.id, node: n.node_name, action, outcome: 'queued', detail });
const refused = (n: Node, action: string, detail: string): BulkOutcome => ({ id: n.id, node: n.node_name, action, outcome: 'refused', detail });

/** One POST /api/reinitialize per node; each answers for itself. */
export async function reinitializeNodes(nodes: Node[]): Promise<BulkOutcome[]> {
  return Promise.all(
    nodes.map(async (n) => {
      const res = await send<{ deployment_id: string }>('POST', '/api/reinitialize', { node_id: n.id });
      return res.ok ? queued(n, 'Reinitialize', `reinitialize queued (deployment ${res.data.deployment_id})`) : refused(n, 'Reinitialize', res.problem.detail);
    }),
  );
}

interface BatchResult {
  results: { type: string; id: number; success: boolean; detail?: string; deployment_id?: string }[];
}

/** One POST /api/cleanup/batch; its per-target results become per-node outcomes. */
export async function cleanUpNodes(nodes: Node[]): Promise<BulkOutcome[]> {
  const res = await send<BatchResult>('POST', '/api/cleanup/batch', { cleanup_targets: nodes.map((n) => ({ type: 'node', id: n.id })) });
  if (!res.ok) return nodes.map((n) => refused(n, 'Clean up', res.problem.detail));
  return nodes.map((n) => {
    const r = res.data.results.find((x) => x.type === 'node' && x.id === n.id);
    if (!r) return refused(n, 'Clean up', 'no result for this node');
    return r.success ? queued(n, 'Clean up', `cleanup queued (deployment ${r.deployment_id})`) : refused(n, 'Clean up', r.detail ?? 'refused');
  });
}

/**
 * POST /api/config/clusters with the nodes as members (single-node for one, multi-node for more).
 * The cluster is created for all or none: a refusal names the nodes at fault in its field errors,
 * so each node gets the reasons that name it, or the general one.
 */
export async function addToCluster(nodes: Node[], clusterName: string): Promise<BulkOutcome[]> {
  const body = { name: clusterName, type: nodes.length === 1 ? 'single_node' : 'multi_node', nodeIds: nodes.map((n) => n.id) };
  const res = await send<{ id: number; name: string }>('POST', '/api/config/clusters', body);
  if (res.ok) return nodes.map((n) => queued(n, 'Add to cluster', `member of cluster ${res.data.name}; formation queued`));
  const messages = (res.problem.errors ?? []).map((e) => e.message);
  return nodes.map((n) => {
    const own = messages.filter((m) => new RegExp(`\\bnode ${n.node_name}\\b`).test(m));
    const general = messages.filter((m) => !/\bnode \S+ /.test(m));
    return refused(n, 'Add to cluster', [...own, ...(own.length ? [] : general)].join('; ') || res.problem.detail);
  });
}
