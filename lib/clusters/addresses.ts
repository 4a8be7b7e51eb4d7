import type { Config } from '@/lib/config';
import type { CloudSettings, VpcApi } from '@/lib/ibmcloud';
import { allocateAddress, releaseAddresses } from '@/lib/provisioning/ip-allocation';
import { ensureResource, fromReservedIp, ledgerForTeardown } from '@/lib/ledger/ledger';
import { deleteLedgerResource } from '@/lib/ledger/teardown';

export interface ClusterAddresses {
  clusterIp: string;
  dataServicesIp: string;
}

export interface AddressDeps {
  vpc: Pick<VpcApi, 'getSubnet' | 'listReservedIps' | 'findReservedIpByName' | 'reserveIp' | 'releaseIp'>;
  settings: Pick<CloudSettings, 'managementSubnetId'>;
  config: Pick<Config, 'ipRanges' | 'RESOURCE_PREFIX'>;
}

export function reservationName(prefix: string, clusterName: string, purpose: 'cluster' | 'data_services') {
  return `${prefix}-${clusterName}-${purpose === 'cluster' ? 'vip' : 'ds'}`;
}

/**
 * The cluster virtual IP and data-services IP: the lowest free hosts of the cluster range on the
 * management subnet (IpAllocation guarantees no address goes out twice), each also reserved in
 * the VPC so nothing else there takes it. Idempotent: a resumed step gets the same addresses.
 */
export async function allocateClusterAddresses(cluster: { id: number; name: string }, deploymentId: string, deps: AddressDeps): Promise<ClusterAddresses> {
  const subnetId = deps.settings.managementSubnetId;
  const subnet = await deps.vpc.getSubnet(subnetId);
  const prefix = deps.config.RESOURCE_PREFIX;
  const ours = new Set([reservationName(prefix, cluster.name, 'cluster'), reservationName(prefix, cluster.name, 'data_services')]);
  const unavailable = (await deps.vpc.listReservedIps(subnetId)).filter((r) => !ours.has(r.name)).map((r) => r.address);
  const pool = { subnetId, cidr: subnet.ipv4_cidr_block, range: deps.config.ipRanges.cluster, unavailable };
  const out: Partial<Record<'cluster' | 'data_services', string>> = {};
  for (const purpose of ['cluster', 'data_services'] as const) {
    const address = await allocateAddress(pool, purpose, { clusterId: cluster.id });
    const name = reservationName(prefix, cluster.name, purpose);
    await ensureResource(
      { kind: 'reserved_ip', name, clusterId: cluster.id, deploymentId, subnetId, address },
      async () => fromReservedIp(subnetId, await deps.vpc.reserveIp(subnetId, { name, address, auto_delete: false })),
      { vpc: deps.vpc },
    );
    out[purpose] = address;
  }
  return { clusterIp: out.cluster!, dataServicesIp: out.data_services! };
}

/** Gives the cluster's addresses back: the VPC reservations first, then the allocations. */
export async function releaseClusterAddresses(clusterId: number, deps: Pick<AddressDeps, 'vpc'>) {
  const entries = (await ledgerForTeardown({ clusterId })).filter((r) => r.kind === 'reserved_ip');
  for (const entry of entries) await deleteLedgerResource(entry, { vpc: deps.vpc });
  return releaseAddresses({ clusterId });
}
