import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import { statusesWhere } from '@/lib/status/node-statuses';
import { listEvents } from '@/lib/status/timeline';
import { clusterInclude, loadClusterRow, toClusterView, type ClusterView } from './views';

export async function listClusters(): Promise<ClusterView[]> {
  const rows = await db.cluster.findMany({ include: clusterInclude, orderBy: { createdAt: 'desc' }, take: 500 });
  return rows.map((r) => toClusterView(r, getConfig().DNS_ZONE_NAME));
}

export async function getCluster(id: number): Promise<ClusterView> {
  const row = await loadClusterRow(id);
  if (!row) throw new NotFoundError(`Cluster ${id} does not exist`);
  return toClusterView(row, getConfig().DNS_ZONE_NAME);
}

/** The cluster's timeline (its own events and its members' cluster_formation events). */
export async function clusterEvents(id: number) {
  const events = await listEvents({ clusterId: id });
  return events.map((e) => ({ id: e.id, at: e.createdAt.toISOString(), nodeId: e.nodeId, phase: e.phase, status: e.status, message: e.message }));
}

/** Nodes that could join a new cluster: deployed or still installing, in no cluster, not failed. */
export async function eligibleMemberNodes() {
  const nodes = await db.node.findMany({
    where: { clusterId: null, status: { in: [...statusesWhere('installing'), 'deployed'] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, status: true, phase: true, serverProfile: true, cvmIp: true },
    take: 500,
  });
  return nodes;
}
