import type { Config } from '@/lib/config';
import type { NodeAddressPurpose } from '@/lib/dns/naming';
import type { CloudClient, CloudSettings, ReservedIp } from '@/lib/ibmcloud';
import type { SubnetRange } from './ip-allocation';

/** Each purpose's range, with the subnet's reserved IPs as listed (every page) when the pools were read. */
export type NodePools = Record<NodeAddressPurpose, SubnetRange & { reserved: ReservedIp[] }>;

/**
 * How old a subnet listing an address plan may use. A burst of 200 provisions listed both subnets,
 * every page, about 100 times: 40 % of its VPC calls. An address someone else reserves within
 * this window fails our reservation (address_is_already_reserved), and allocate_ips chooses again.
 */
export const RECENT_LISTING_MS = 2000;

/**
 * Where each of a node's addresses comes from: management, AHV and CVM from the management
 * subnet, workload from the workload subnet, each in its configured host range. The subnets'
 * existing reservations (read from the cloud, all pages) count as unavailable, except those named
 * as this node's own (a resumed step must not skip its own reservation).
 */
export async function nodePools(
  deps: { cloud: CloudClient; settings: CloudSettings; config: Config },
  /** `fresh`: list now; otherwise a listing up to RECENT_LISTING_MS old will do. */
  opts: { workloadSubnetId?: string | null; ownNames?: Set<string>; fresh?: boolean } = {},
): Promise<NodePools> {
  const managementId = deps.settings.managementSubnetId;
  const workloadId = opts.workloadSubnetId || deps.settings.workloadSubnetId;
  const load = async (subnetId: string) => {
    const [cidr, reserved] = await Promise.all([deps.cloud.vpc.subnetCidr(subnetId), deps.cloud.vpc.listReservedIps(subnetId, { maxAgeMs: opts.fresh ? 0 : RECENT_LISTING_MS })]);
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
