import { getConfig } from '@/lib/config';
import { getCloudClient } from '@/lib/ibmcloud';
import { createCluster } from './create';
import { deleteCluster, retryCluster } from './lifecycle';
import { getCluster } from './queries';
import { provisionClusterMembers } from './provision-members';
import type { CreateClusterRequest } from './schemas';

/* What the HTTP API calls: the lifecycle functions bound to this process's cloud client and the
   node provisioning workflow. */

/** POST /api/config/clusters: the cluster view plus the fields of the Python original's response (docs/reference/original-detailed.md §1.3). */
export async function requestCluster(body: CreateClusterRequest, requestedBy: string) {
  const { clusterId, deploymentId } = await createCluster(body, { requestedBy, provisionMembers: provisionClusterMembers });
  const view = await getCluster(clusterId);
  return {
    ...view,
    cluster_id: view.id,
    cluster_name: view.name,
    cluster_ip: view.clusterIp,
    deployment_id: deploymentId,
    message: `${view.type === 'single_node' ? 'Single-node' : 'Multi-node'} cluster creation initiated: formation starts once all ${view.nodeCount} member(s) are deployed`,
    monitoring_endpoint: `/api/config/clusters/${view.id}`,
  };
}

export function removeCluster(id: number, force: boolean, requestedBy: string) {
  const cloud = getCloudClient(getConfig());
  return deleteCluster(id, { force, requestedBy }, { vpc: cloud.vpc, dns: cloud.dns });
}

export async function retryClusterFormation(id: number, requestedBy: string) {
  const { deploymentId } = await retryCluster(id, { requestedBy });
  return { ...(await getCluster(id)), deployment_id: deploymentId };
}
