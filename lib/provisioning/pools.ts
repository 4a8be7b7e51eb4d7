import type { Config } from '@/lib/config';
import type { NodeAddressPurpose } from '@/lib/dns/naming';
import type { CloudClient, CloudSettings, ReservedIp } from '@/lib/ibmcloud';
import type { SubnetRange } from './ip-allocation';

/** Each purpose's range, with the subnet's reserved IPs as listed (every page) when the pools were read. */
export type NodePools = Record<NodeAddressPurpose, SubnetRange & { reserved: ReservedIp[] }>;

/**
 * Where each of a node's addresses comes from: management, AHV and CVM from the management
 * subnet, workload from the workload subnet, each in its configured host range. The subnets'
 * existing reservations (read from the cloud, all pages) count as unavailable, except those named
 * as this node's own (a resumed step must not skip its own reservation).
 */
export async function nodePools(
  deps: { cloud: CloudClient; settings: CloudSettings; config: Config },
  opts: { workloadSubnetId?: string | null; ownNames?: Set<string> } = {},
): Promise<NodePools> {
  const managementId = deps.settings.managementSubnetId;
  const workloadId = opts.workloadSubnetId || deps.settings.workloadSubnetId;
  const load = async (subnetId: string) => {
    const [cidr, reserved] = await Promise.all([deps.cloud.vpc.subnetCidr(subnetId), deps.cloud.vpc.listReservedIps(subnetId)]);
    const unavailable = reserved.filter((r) => !opts.ownNames?.has(r.name)).map((r) => r.address);
    return { subnetId, cidr, unavailable, reserved };
  };
  const [management, workload] = await Promise.all([load(managementId), load(workloadId)]);
  const ranges = deps.config.ipRanges;
  return {
    management: { ...management, range: ranges.management },
    ahv: { ...management, range: ranges.ahv },
    cvm: { ...management, range: ranges.cvm },
    workload: { ...workload, range: ranges.workload },
  };
}
