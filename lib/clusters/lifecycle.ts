import { db } from '@/lib/db/client';
import { ConflictError, NotFoundError, UnavailableError } from '@/lib/errors';
import { CloudError } from '@/lib/ibmcloud';
import { recordEvent } from '@/lib/status/timeline';
import { releaseClusterAddresses, type AddressDeps } from './addresses';
import { removeClusterDns, type ClusterDnsDeps } from './dns';
import { enqueueClusterFormation } from './jobs';
import { statusIs } from '@/lib/status/node-statuses';
import { newDeploymentSteps } from './views';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

export interface DeleteClusterDeps {
  vpc: AddressDeps['vpc'];
  dns: ClusterDnsDeps['dns'];
}

/**
 * Deletes a cluster: cancels its formation, removes its DNS records, releases its addresses and
 * detaches its members (they keep running; their own cleanup is separate). Refused while members
 * are still being installed or the cluster is forming, unless forced.
 */
export async function deleteCluster(id: number, opts: { force: boolean; requestedBy: string }, deps: DeleteClusterDeps) {
  const cluster = await db.cluster.findUnique({ where: { id }, include: { nodes: { select: { id: true, name: true, status: true } } } });
  if (!cluster) throw new NotFoundError(`Cluster ${id} does not exist`);
  const deploying = cluster.nodes.filter((n) => statusIs(n.status, 'installing'));
  if (!opts.force && deploying.length) {
    throw new ConflictError(`Members are still deploying (${deploying.map((n) => n.name).join(', ')}); wait, or delete with ?force=true`);
  }
  if (!opts.force && cluster.status === 'forming') throw new ConflictError('The cluster is being formed; wait, or delete with ?force=true');
  await db.deployment.updateMany({ where: { clusterId: id, status: { in: OPEN_DEPLOYMENT_STATUSES } }, data: { status: 'cancelled', finishedAt: new Date(), error: `cancelled: cluster deleted by ${opts.requestedBy}` } });
  await db.cluster.update({ where: { id }, data: { status: 'deleting' } });
  let removedDnsRecords: number;
  let releasedAddresses: number;
  try {
    removedDnsRecords = await removeClusterDns(id, deps);
    releasedAddresses = await releaseClusterAddresses(id, deps);
  } catch (err) {
    if (err instanceof CloudError) throw new UnavailableError(`IBM Cloud did not complete the cleanup (${err.code}); the cluster stays in deleting, try again`);
    throw err;
  }
  for (const n of cluster.nodes) {
    await recordEvent({ nodeId: n.id, phase: 'cluster', status: 'info', source: 'operator', message: `detached from cluster ${cluster.name} (deleted by ${opts.requestedBy})` });
  }
  await db.node.updateMany({ where: { clusterId: id }, data: { clusterId: null } });
  await db.cluster.delete({ where: { id } });
  return { message: `Cluster ${id} deleted successfully`, name: cluster.name, detached: cluster.nodes.map((n) => n.name), removedDnsRecords, releasedAddresses };
}

/**
 * `cleanup/deployment` of a cluster's deployment: besides its members' cleanups, the cluster's own
 * resources (virtual and data-services IPs, their DNS records) go through the ledger's teardown.
 * The cluster is left failed without addresses, so a retry forms it afresh.
 */
export async function releaseClusterResources(clusterId: number, requestedBy: string, deps: DeleteClusterDeps) {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId } });
  if (!cluster) throw new NotFoundError(`Cluster ${clusterId} does not exist`);
  await db.deployment.updateMany({ where: { clusterId, status: { in: OPEN_DEPLOYMENT_STATUSES } }, data: { status: 'cancelled', finishedAt: new Date(), error: `cancelled: cluster resources released by ${requestedBy}` } });
  const removedDnsRecords = await removeClusterDns(clusterId, deps);
  const releasedAddresses = await releaseClusterAddresses(clusterId, deps);
  await db.cluster.update({
    where: { id: clusterId },
    data: { status: 'failed', failureReason: `cluster resources released by a cleanup (${requestedBy})`, clusterIp: null, dataServicesIp: null },
  });
  await recordEvent({ clusterId, phase: 'cleanup', status: 'completed', source: 'operator', message: `released ${releasedAddresses} address(es) and ${removedDnsRecords} DNS record(s) (cleanup by ${requestedBy})` });
  return { cluster_id: clusterId, cluster_name: cluster.name, removed_dns_records: removedDnsRecords, released_addresses: releasedAddresses };
}

/** Starts a new formation run of a failed cluster; its idempotent steps reuse what was done. */
export async function retryCluster(id: number, opts: { requestedBy: string; enqueue?: (deploymentId: string) => Promise<unknown> }) {
  const cluster = await db.cluster.findUnique({ where: { id } });
  if (!cluster) throw new NotFoundError(`Cluster ${id} does not exist`);
  if (cluster.status !== 'failed') throw new ConflictError(`Only a failed cluster can be retried; cluster ${cluster.name} is ${cluster.status}`);
  const deployment = await db.$transaction(async (tx) => {
    const claimed = await tx.cluster.updateMany({ where: { id, status: 'failed' }, data: { status: 'pending', failureReason: null } });
    if (claimed.count !== 1) throw new ConflictError('The cluster is already being retried');
    return tx.deployment.create({ data: { kind: 'cluster', clusterId: id, requestedBy: opts.requestedBy, steps: { create: newDeploymentSteps() } } });
  });
  await recordEvent({ clusterId: id, deploymentId: deployment.id, phase: 'retry', status: 'info', source: 'operator', message: `formation retried by ${opts.requestedBy} (was: ${cluster.failureReason ?? 'failed'})` });
  await (opts.enqueue ?? enqueueClusterFormation)(deployment.id);
  return { clusterId: id, deploymentId: deployment.id };
}
