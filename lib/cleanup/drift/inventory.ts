import type { CloudClient } from '@/lib/ibmcloud/api';

/** One cloud object of a kind we create, as the reconciliation sees it. */
export interface CloudItem {
  kind: 'bare_metal_server' | 'vni' | 'reserved_ip' | 'dns_record';
  id: string;
  name: string;
  subnetId?: string;
  address?: string;
  status?: string;
  profile?: string;
  createdAt?: string;
  recordType?: string;
  /** False for zone records we only read to check tracked ones (not named like ours). */
  ours: boolean;
}

export interface InventoryScope {
  prefix: string;
  vpcId: string;
  subnetIds: string[];
  zoneName: string;
}

/** Record names we derive from node names (original scheme) or from our prefix. */
function ourDnsName(relative: string, prefix: string) {
  return relative.startsWith(`${prefix}-`) || /-(mgmt|ahv|cvm|workload)$/.test(relative);
}

function relative(name: string, zoneName: string) {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n.endsWith(`.${zoneName}`) ? n.slice(0, -zoneName.length - 1) : n;
}

/**
 * Everything in the cloud that looks like ours: servers, VNIs and user-owned reserved IPs whose
 * names carry RESOURCE_PREFIX in our VPC and subnets; every A and PTR record of our zone, flagged
 * `ours` when named after the original scheme (`<node>-mgmt|ahv|cvm|workload`) or the prefix, or
 * a PTR pointing at such a name. Only `ours` records can be orphans; the others are read so that a
 * tracked record with another name (a cluster's, a manual one) is not reported as vanished.
 */
export async function readInventory(cloud: CloudClient, scope: InventoryScope): Promise<CloudItem[]> {
  const mine = (name: string) => name.startsWith(`${scope.prefix}-`);
  const [servers, vnis, ipLists, records] = await Promise.all([
    cloud.vpc.listBareMetalServers({ vpcId: scope.vpcId }),
    cloud.vpc.listVirtualNetworkInterfaces(),
    Promise.all(scope.subnetIds.map(async (subnetId) => ({ subnetId, ips: await cloud.vpc.listReservedIps(subnetId) }))),
    cloud.dns.listResourceRecords(),
  ]);
  const items: CloudItem[] = [];
  for (const s of servers) {
    if (!mine(s.name) || (s.vpc?.id && s.vpc.id !== scope.vpcId)) continue;
    items.push({ kind: 'bare_metal_server', id: s.id, name: s.name, status: s.status, profile: s.profile?.name, createdAt: s.created_at, ours: true });
  }
  for (const v of vnis) {
    if (!mine(v.name) || (v.vpc?.id && v.vpc.id !== scope.vpcId)) continue;
    items.push({ kind: 'vni', id: v.id, name: v.name, createdAt: v.created_at, subnetId: v.subnet?.id, address: v.primary_ip?.address, ours: true });
  }
  for (const { subnetId, ips } of ipLists) {
    for (const ip of ips) {
      if (ip.owner === 'provider' || !mine(ip.name)) continue;
      items.push({ kind: 'reserved_ip', id: ip.id, name: ip.name, subnetId, address: ip.address, createdAt: ip.created_at, ours: true });
    }
  }
  const zone = scope.zoneName.toLowerCase();
  const ourHosts = new Set(records.filter((r) => r.type === 'A' && ourDnsName(relative(r.name, zone), scope.prefix)).map((r) => r.name.toLowerCase()));
  for (const r of records) {
    const ours = r.type === 'A' ? ourHosts.has(r.name.toLowerCase()) : r.type === 'PTR' && ourHosts.has(String(r.rdata.ptrdname ?? '').toLowerCase());
    if (r.type !== 'A' && r.type !== 'PTR') continue;
    const value = r.type === 'A' ? String(r.rdata.ip ?? '') : String(r.rdata.ptrdname ?? '');
    items.push({ kind: 'dns_record', id: r.id, name: r.name.toLowerCase(), recordType: r.type, address: value, createdAt: r.created_on, ours });
  }
  return items;
}
