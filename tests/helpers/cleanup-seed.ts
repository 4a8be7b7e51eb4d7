import { db } from '@/lib/db/client';
import { plannedNodeRecords } from '@/lib/dns/naming';
import type { CloudClient } from '@/lib/ibmcloud/api';
import { cloudSettings } from '@/lib/ibmcloud/settings';
import type { Config } from '@/lib/config';

/**
 * A provisioned node as the provisioning workflow leaves it: every cloud object created through
 * the real client, each written to the ledger first (intent) and marked created after, plus its
 * tracked DNS records and IP allocations. Names follow the `<prefix>-<node>-<what>` convention.
 */
export async function seedProvisionedNode(client: CloudClient, config: Config, name: string, hostOffset = 10) {
  const s = cloudSettings(config);
  const prefix = config.RESOURCE_PREFIX;
  const node = await db.node.create({ data: { name, serverProfile: 'bx2d-metal-96x384', status: 'deployed' } });
  const ledger = async <T extends { id: string }>(kind: string, rname: string, extra: { subnetId?: string; address?: string }, create: () => Promise<T>) => {
    const row = await db.cloudResource.create({ data: { kind, name: rname, nodeId: node.id, ...extra } });
    const created = await create();
    await db.cloudResource.update({ where: { id: row.id }, data: { cloudId: created.id, state: 'created' } });
    return created;
  };
  const mgmtAddress = `10.240.0.${hostOffset}`;
  const ip = await ledger('reserved_ip', `${prefix}-${name}-mgmt-ip`, { subnetId: s.managementSubnetId, address: mgmtAddress }, () =>
    client.vpc.reserveIp(s.managementSubnetId, { name: `${prefix}-${name}-mgmt-ip`, address: mgmtAddress, auto_delete: false }),
  );
  await db.ipAllocation.create({ data: { subnetId: s.managementSubnetId, address: mgmtAddress, purpose: 'management', nodeId: node.id } });
  const vni = await ledger('vni', `${prefix}-${name}-mgmt-vni`, {}, () =>
    client.vpc.createVirtualNetworkInterface({ name: `${prefix}-${name}-mgmt-vni`, primary_ip: { id: ip.id }, subnet: { id: s.managementSubnetId }, auto_delete: false }),
  );
  const server = await ledger('bare_metal_server', `${prefix}-${name}`, {}, () =>
    client.vpc.createBareMetalServer({
      name: `${prefix}-${name}`,
      profile: { name: 'bx2d-metal-96x384' },
      zone: { name: s.zone },
      vpc: { id: s.vpcId },
      resource_group: { id: s.resourceGroupId },
      initialization: { image: { id: s.ipxeImageId }, keys: [{ id: s.sshKeyId }], user_data: 'http://127.0.0.1:9/boot/config' },
      primary_network_attachment: { name: 'mgmt', interface_type: 'pci', virtual_network_interface: { id: vni.id } },
    }),
  );
  for (const r of plannedNodeRecords({ name, managementIp: mgmtAddress }, s.dnsZoneName)) {
    const created = await ledger('dns_record', r.name, {}, () =>
      r.type === 'A' ? client.dns.createARecord({ name: r.name, ip: r.rdata }) : client.dns.createPtrRecord({ ip: mgmtAddress, ptrdname: r.rdata }),
    );
    await db.dnsRecord.create({ data: { name: r.name, type: r.type, rdata: r.rdata, zoneId: s.dnsZoneId, cloudId: created.id, owner: 'node', nodeId: node.id } });
  }
  await db.node.update({ where: { id: node.id }, data: { bareMetalId: server.id, managementVniId: vni.id, managementIp: mgmtAddress } });
  return { node, server, vni, ip };
}

/** Everything the simulator holds whose name mentions the node (servers, VNIs, IPs, DNS). */
export function inventoryOf(inventory: Record<string, { name: string; rdata?: unknown }[]>, name: string) {
  const kinds = ['bare_metal_servers', 'virtual_network_interfaces', 'reserved_ips', 'dns_records'];
  return kinds.flatMap((k) => (inventory[k] ?? []).filter((r) => r.name.includes(name) || JSON.stringify(r.rdata ?? '').includes(name)).map((r) => `${k}:${r.name}`));
}
