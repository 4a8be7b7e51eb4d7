import { db } from '@/lib/db/client';
import type { CloudResource } from '@/lib/db/generated/client';
import { CloudNotFoundError, type CloudClient } from '@/lib/ibmcloud';
import { markResource } from './ledger';

/**
 * Deletes one ledger entry's cloud resource. Returns 'deleted' once it is gone, 'pending' while
 * the cloud is still deleting it (a bare-metal server takes a while; VNIs cannot go before it).
 * Entries still in `intent` are resolved by name first: the create may have happened.
 */
export async function deleteLedgerResource(row: CloudResource, cloud: CloudClient): Promise<'deleted' | 'pending'> {
  const cloudId = row.cloudId ?? (await findByName(row, cloud));
  if (!cloudId) {
    await markResource(row.id, 'deleted');
    return 'deleted';
  }
  if (row.state !== 'deleting') {
    await db.cloudResource.update({ where: { id: row.id }, data: { state: 'deleting', cloudId } });
  }
  switch (row.kind) {
    case 'bare_metal_server': {
      const server = await cloud.vpc.getBareMetalServer(cloudId).catch(notFoundAsNull);
      if (!server) break;
      if (server.status !== 'deleting') await cloud.vpc.deleteBareMetalServer(cloudId);
      return 'pending';
    }
    case 'vni':
      await cloud.vpc.deleteVirtualNetworkInterface(cloudId);
      break;
    case 'reserved_ip':
      if (row.subnetId) await cloud.vpc.releaseIp(row.subnetId, cloudId);
      break;
    case 'dns_record':
      await cloud.dns.deleteResourceRecord(cloudId);
      await db.dnsRecord.deleteMany({ where: { cloudId } });
      break;
  }
  await markResource(row.id, 'deleted');
  return 'deleted';
}

function notFoundAsNull(err: unknown): null {
  if (err instanceof CloudNotFoundError) return null;
  throw err;
}

interface DnsDetails {
  type?: string;
  recordName?: string;
}

async function findByName(row: CloudResource, cloud: CloudClient): Promise<string | null> {
  switch (row.kind) {
    case 'bare_metal_server':
      return (await cloud.vpc.findBareMetalServerByName(row.name))?.id ?? null;
    case 'vni':
      return (await cloud.vpc.findVirtualNetworkInterfaceByName(row.name))?.id ?? null;
    case 'reserved_ip':
      return row.subnetId ? ((await cloud.vpc.findReservedIpByName(row.subnetId, row.name))?.id ?? null) : null;
    case 'dns_record': {
      const d = (row.details ?? {}) as DnsDetails;
      if (!d.type || !d.recordName) return null;
      const found = await cloud.dns.listResourceRecords({ type: d.type, name: d.recordName });
      return found[0]?.id ?? null;
    }
    default:
      return null;
  }
}
