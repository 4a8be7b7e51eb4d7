import { nodeDnsRecords, NODE_ADDRESS_PURPOSES, type NodeAddressPurpose } from '@/lib/dns/naming';
import { nodeServerPlan, type NodeServerPlan } from '@/lib/ibmcloud';
import type { WorkflowDeps } from './context';
import { AddressPoolExhaustedError, nextFreeAddress } from './ip-allocation';
import { nodeResourceNames } from './names';
import { nodePools, type NodePools } from './pools';
import type { CheckedNodeRequest } from './validate';

/**
 * The exact resources a provision creates, computed without creating anything (the cloud is only
 * read: subnets and their reservations). The same naming and allocation rules drive the real
 * steps, so a dry run and the run that follows agree (tests/integration/provision-plan.test.ts).
 */
export interface NodePlan {
  node_name: string;
  server_profile: string;
  storage_template: string;
  cluster_role: string;
  server: NodeServerPlan;
  reserved_ips: { purpose: NodeAddressPurpose; name: string; subnet_id: string; address: string }[];
  vnis: { name: string; subnet_id: string; primary_ip: string; secondary_ips: string[]; security_group_ids: string[] }[];
  dns_records: { type: 'A' | 'PTR'; name: string; rdata: string }[];
  user_data: string;
}

export function plannedUserData(publicBaseUrl: string, nodeId?: number): string {
  return `${publicBaseUrl}/boot/config?node_id=${nodeId ?? '{node_id}'}&token=[REDACTED]`;
}

function planOne(deps: WorkflowDeps, name: string, req: CheckedNodeRequest, addr: Record<NodeAddressPurpose, string>, pools: NodePools, nodeId?: number): NodePlan {
  const s = deps.settings;
  const names = nodeResourceNames(deps.config.RESOURCE_PREFIX, name);
  return {
    node_name: name,
    server_profile: req.profile.name,
    storage_template: req.template.name,
    cluster_role: req.clusterRole,
    server: nodeServerPlan(
      { name: names.server, profile: req.profile.name, zone: s.zone, vpcId: s.vpcId, resourceGroupId: s.resourceGroupId, imageId: s.ipxeImageId, sshKeyId: s.sshKeyId },
      { primary: names.managementVni, secondary: names.workloadVni },
    ),
    reserved_ips: NODE_ADDRESS_PURPOSES.map((purpose) => ({ purpose, name: names.reservedIp(purpose), subnet_id: pools[purpose].subnetId, address: addr[purpose] })),
    vnis: [
      { name: names.managementVni, subnet_id: pools.management.subnetId, primary_ip: addr.management, secondary_ips: [addr.ahv, addr.cvm], security_group_ids: [s.managementSecurityGroupId, s.intraNodeSecurityGroupId] },
      { name: names.workloadVni, subnet_id: pools.workload.subnetId, primary_ip: addr.workload, secondary_ips: [], security_group_ids: [s.workloadSecurityGroupId] },
    ],
    dns_records: nodeDnsRecords(name, addr, s.dnsZoneName).map(({ type, name: n, rdata }) => ({ type, name: n, rdata })),
    user_data: plannedUserData(deps.config.publicBaseUrl, nodeId),
  };
}

/** Plans every node of a request; addresses picked for one node are not offered to the next. */
export async function planNodes(
  deps: WorkflowDeps,
  req: CheckedNodeRequest,
  opts: { workloadSubnetId?: string; nodeIds?: number[] } = {},
): Promise<NodePlan[]> {
  const pools = await nodePools(deps, { workloadSubnetId: opts.workloadSubnetId });
  const picked = new Set<string>();
  const plans: NodePlan[] = [];
  for (const [i, name] of req.names.entries()) {
    const addr = {} as Record<NodeAddressPurpose, string>;
    for (const purpose of NODE_ADDRESS_PURPOSES) {
      const address = await nextFreeAddress(pools[purpose], picked);
      if (!address) throw new AddressPoolExhaustedError(purpose, pools[purpose].subnetId);
      picked.add(address);
      addr[purpose] = address;
    }
    plans.push(planOne(deps, name, req, addr, pools, opts.nodeIds?.[i]));
  }
  return plans;
}
