import type { CloudClient } from '@/lib/ibmcloud/api';
import { recordValue } from '@/lib/ibmcloud/dns';
import { listResourcesWithTag } from '@/lib/ibmcloud/tagging';

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
  /**
   * Named like ours (RESOURCE_PREFIX, or the `<node>-mgmt|ahv|cvm|workload` record scheme). False
   * for zone records we only read to check tracked ones. A name alone never makes a thing ours.
   */
  namedLikeOurs: boolean;
  /** Carries this installation's tag (servers and VNIs: the kinds IBM lets us tag). */
  tagged: boolean;
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
 * Everything in the cloud that may be ours: servers and VNIs in our VPC that carry our installation
 * tag or RESOURCE_PREFIX in their name, user-owned reserved IPs named with the prefix in our
 * subnets, and every A and PTR record of our zone, flagged `namedLikeOurs` when named after the
 * original scheme (`<node>-mgmt|ahv|cvm|workload`) or the prefix, or a PTR pointing at such a name.
 * Whether one is really ours is decided against the ledger's history (detect.ts); the other zone
 * records are read so that a tracked record with another name is not reported as vanished.
 */
/** `installationTag`: this installation's user tag (lib/system/installation.ts). */
export async function readInventory(cloud: CloudClient, scope: InventoryScope, installationTag: string): Promise<CloudItem[]> {
  const mine = (name: string) => name.startsWith(`${scope.prefix}-`);
  const [servers, vnis, ipLists, records, tagged] = await Promise.all([
    cloud.vpc.listBareMetalServers({ vpcId: scope.vpcId }),
    cloud.vpc.listVirtualNetworkInterfaces(),
    Promise.all(scope.subnetIds.map(async (subnetId) => ({ subnetId, ips: await cloud.vpc.listReservedIps(subnetId) }))),
    cloud.dns.listResourceRecords(),
    listResourcesWithTag(cloud, installationTag).then((found) => new Set(found.map((r) => r.id))),
  ]);
  const items: CloudItem[] = [];
  for (const s of servers) {
    if (!(mine(s.name) || tagged.has(s.id)) || (s.vpc?.id && s.vpc.id !== scope.vpcId)) continue;
    items.push({ kind: 'bare_metal_server', id: s.id, name: s.name, status: s.status, profile: s.profile?.name, createdAt: s.created_at, namedLikeOurs: mine(s.name), tagged: tagged.has(s.id) });
  }
  for (const v of vnis) {
    if (!(mine(v.name) || tagged.has(v.id)) || (v.vpc?.id && v.vpc.id !== scope.vpcId)) continue;
    items.push({ kind: 'vni', id: v.id, name: v.name, createdAt: v.created_at, subnetId: v.subnet?.id, address: v.primary_ip?.address, namedLikeOurs: mine(v.name), tagged: tagged.has(v.id) });
  }
  for (const { subnetId, ips } of ipLists) {
    for (const ip of ips) {
      if (ip.owner === 'provider' || !mine(ip.name)) continue;
      items.push({ kind: 'reserved_ip', id: ip.id, name: ip.name, subnetId, address: ip.address, createdAt: ip.created_at, namedLikeOurs: true, tagged: false });
    }
  }
  const zone = scope.zoneName.toLowerCase();
  const ourHosts = new Set(records.filter((r) => r.type === 'A' && ourDnsName(relative(r.name, zone), scope.prefix)).map((r) => r.name.toLowerCase()));
  for (const r of records) {
    const ours = r.type === 'A' ? ourHosts.has(r.name.toLowerCase()) : r.type === 'PTR' && ourHosts.has(recordValue(r).toLowerCase());
    if (r.type !== 'A' && r.type !== 'PTR') continue;
    const value = recordValue(r);
    items.push({ kind: 'dns_record', id: r.id, name: r.name.toLowerCase(), recordType: r.type, address: value, createdAt: r.created_on, namedLikeOurs: ours, tagged: false });
  }
  return items;
}
