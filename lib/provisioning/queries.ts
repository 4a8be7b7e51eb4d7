import { db, type Prisma } from '@/lib/db/client';
import type { Node } from '@/lib/db/generated/client';
import { NotFoundError } from '@/lib/errors';
import { orderByFor, type PageFacts } from '@/lib/db/paging';
import { listEvents } from '@/lib/status/timeline';
import { currentChainUrl } from './boot-token';
import { NODE_SORTS, type ListNodesQuery } from './schemas';

/** The list entry of a node (original field names, plus the phase/progress the UI shows). */
export function nodeSummary(n: Node) {
  return {
    id: n.id,
    node_name: n.name,
    server_profile: n.serverProfile,
    storage_template: n.storageTemplate,
    cluster_role: n.clusterRole,
    deployment_status: n.status,
    phase: n.phase,
    progress: n.progress,
    status_message: n.statusMessage,
    failure_reason: n.failureReason,
    failed_step: n.failedStep,
    management_ip: n.managementIp,
    ahv_ip: n.ahvIp,
    cvm_ip: n.cvmIp,
    workload_ip: n.workloadIp,
    cluster_id: n.clusterId,
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
    deployed_at: n.deployedAt?.toISOString() ?? null,
  };
}

export type NodeSummary = ReturnType<typeof nodeSummary>;

const NODE_SORT_COLUMNS: Record<(typeof NODE_SORTS)[number], keyof Node & string> = {
  created_at: 'id',
  node_name: 'name',
  deployment_status: 'status',
  phase: 'phase',
  progress: 'progress',
  management_ip: 'managementIp',
  server_profile: 'serverProfile',
};

function nodeFilter(q: Pick<ListNodesQuery, 'status' | 'search'>): Prisma.NodeWhereInput {
  const where: Prisma.NodeWhereInput = {};
  if (q.status?.length) where.status = { in: q.status };
  if (q.search) {
    const s = q.search;
    where.OR = [
      { name: { contains: s, mode: 'insensitive' } },
      ...(['managementIp', 'ahvIp', 'cvmIp', 'workloadIp'] as const).map((column) => ({ [column]: { startsWith: s } })),
    ];
  }
  return where;
}

/**
 * One page of nodes and the total matching the filters. Default order: newest first (ids grow with
 * creation time, so `created_at` sorts by id). `cursor` (the id of the last node of the previous
 * page) continues that order by keyset; `offset` serves numbered pages in any sort.
 */
export async function listNodes(q: ListNodesQuery): Promise<{ nodes: NodeSummary[]; next_cursor: number | null } & PageFacts> {
  const where = nodeFilter(q);
  const sort = q.sort ?? 'created_at';
  const order = q.order ?? 'desc';
  const offset = q.offset ?? 0;
  const [rows, total] = await Promise.all([
    db.node.findMany({
      where: q.cursor ? { AND: [where, { id: { lt: q.cursor } }] } : where,
      orderBy: orderByFor(NODE_SORT_COLUMNS, sort, order, 'id'),
      skip: offset,
      take: q.limit + 1,
    }),
    db.node.count({ where }),
  ]);
  const page = rows.slice(0, q.limit);
  const more = rows.length > q.limit;
  return {
    nodes: page.map(nodeSummary),
    next_cursor: more && sort === 'created_at' && order === 'desc' ? page.at(-1)!.id : null,
    total,
    offset,
    limit: q.limit,
    sort,
    order,
  };
}

/**
 * The chain URL a node boots from (it carries the node's boot token): admins only, each read
 * audited, never part of the polled node detail. Null when the sealed token cannot be opened.
 */
export async function getNodeChainUrl(id: number, publicBaseUrl: string): Promise<string | null> {
  const node = await db.node.findUnique({ where: { id }, select: { id: true, bootTokenSealed: true } });
  if (!node) throw new NotFoundError(`Node ${id} not found`);
  return currentChainUrl(node, publicBaseUrl);
}

/** Everything the node page shows: node, cloud ids, latest deployment with steps, ledger. */
export async function getNodeDetail(id: number) {
  const node = await db.node.findUnique({ where: { id } });
  if (!node) throw new NotFoundError(`Node ${id} not found`);
  const [deployment, resources, dnsRecords, events] = await Promise.all([
    db.deployment.findFirst({ where: { nodeId: id }, orderBy: { createdAt: 'desc' }, include: { steps: { orderBy: { position: 'asc' } } } }),
    db.cloudResource.findMany({ where: { nodeId: id }, orderBy: { createdAt: 'asc' } }),
    db.dnsRecord.findMany({ where: { nodeId: id }, orderBy: [{ name: 'asc' }, { type: 'asc' }] }),
    listEvents({ nodeId: id }),
  ]);
  return {
    node: nodeSummary(node),
    cloud: { bare_metal_id: node.bareMetalId, management_vni_id: node.managementVniId, workload_vni_id: node.workloadVniId },
    deployment: deployment && {
      id: deployment.id,
      kind: deployment.kind,
      status: deployment.status,
      current_step: deployment.currentStep,
      error: deployment.error,
      created_at: deployment.createdAt.toISOString(),
      started_at: deployment.startedAt?.toISOString() ?? null,
      finished_at: deployment.finishedAt?.toISOString() ?? null,
      steps: deployment.steps.map((s) => ({
        name: s.name,
        status: s.status,
        attempts: s.attempts,
        last_error: s.lastError,
        started_at: s.startedAt?.toISOString() ?? null,
        finished_at: s.finishedAt?.toISOString() ?? null,
      })),
    },
    resources: resources.map((r) => ({ id: r.id, kind: r.kind, name: r.name, cloud_id: r.cloudId, state: r.state, address: r.address, created_at: r.createdAt.toISOString() })),
    dns_records: dnsRecords.map((r) => ({ name: r.name, type: r.type, rdata: r.rdata, ttl: r.ttl })),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      phase: e.phase,
      status: e.status,
      source: e.source,
      message: e.message,
      deployment_id: e.deploymentId,
    })),
  };
}

export type NodeDetail = Awaited<ReturnType<typeof getNodeDetail>>;
