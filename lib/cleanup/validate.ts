import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import type { CloudClient } from '@/lib/ibmcloud/api';
import { isNotFound } from '@/lib/ibmcloud/errors';
import { cloudRecordName } from '@/lib/dns/naming';
import { dnsRecordNameOf, dnsTypeOf } from './plan';

export interface ValidationCheck {
  check: string;
  kind: string;
  name: string;
  cloud_id: string | null;
  status: 'PASS' | 'FAIL' | 'ERROR';
  message: string;
}

interface Known {
  kind: string;
  name: string;
  cloudId: string | null;
  subnetId: string | null;
  recordType?: string;
}

/** Is it still in the cloud? By id when we have one, and by its deterministic name. */
async function stillPresent(cloud: CloudClient, r: Known): Promise<string | null> {
  const got = async (get: () => Promise<unknown>) => {
    try {
      await get();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };
  switch (r.kind) {
    case 'bare_metal_server':
      if (r.cloudId && (await got(() => cloud.vpc.getBareMetalServer(r.cloudId!)))) return r.cloudId;
      return (await cloud.vpc.findBareMetalServerByName(r.name))?.id ?? null;
    case 'vni':
      if (r.cloudId && (await got(() => cloud.vpc.getVirtualNetworkInterface(r.cloudId!)))) return r.cloudId;
      return (await cloud.vpc.findVirtualNetworkInterfaceByName(r.name))?.id ?? null;
    case 'reserved_ip':
      if (!r.subnetId) return null;
      if (r.cloudId && (await got(() => cloud.vpc.getReservedIp(r.subnetId!, r.cloudId!)))) return r.cloudId;
      return (await cloud.vpc.findReservedIpByName(r.subnetId, r.name))?.id ?? null;
    case 'dns_record': {
      const records = await cloud.dns.listResourceRecords({ type: r.recordType, name: r.name });
      const hit = records.find((x) => x.id === r.cloudId || x.name.toLowerCase() === r.name.toLowerCase());
      return hit?.id ?? null;
    }
    default:
      return null;
  }
}

/**
 * Re-reads the cloud for everything the node ever had in its ledger (and its tracked DNS records)
 * and reports, per resource, whether it is still there. `cleanup_complete` only when none is.
 */
export async function validateNodeCleanup(nodeId: number, cloud: CloudClient) {
  const node = await db.node.findUnique({ where: { id: nodeId }, select: { id: true, name: true, status: true } });
  if (!node) throw new NotFoundError(`Node ${nodeId} does not exist`);
  const [ledger, dns] = await Promise.all([
    db.cloudResource.findMany({ where: { nodeId }, orderBy: { createdAt: 'asc' } }),
    db.dnsRecord.findMany({ where: { nodeId } }),
  ]);
  const known: Known[] = ledger.map((e) => ({
    kind: e.kind,
    name: e.kind === 'dns_record' ? dnsRecordNameOf(e) : e.name,
    cloudId: e.cloudId,
    subnetId: e.subnetId,
    recordType: e.kind === 'dns_record' ? dnsTypeOf(e) : undefined,
  }));
  for (const r of dns) {
    const name = cloudRecordName(r, r.zoneId.split(':')[0]);
    if (!known.some((k) => k.kind === 'dns_record' && (k.cloudId === r.cloudId || (k.name === name && k.recordType === r.type)))) {
      known.push({ kind: 'dns_record', name, cloudId: r.cloudId, subnetId: null, recordType: r.type });
    }
  }
  const results: ValidationCheck[] = [];
  for (const r of known) {
    const base = { check: `${r.kind}_absent`, kind: r.kind, name: r.name, cloud_id: r.cloudId };
    try {
      const present = await stillPresent(cloud, r);
      results.push(present ? { ...base, cloud_id: present, status: 'FAIL', message: `still present in the cloud (${present})` } : { ...base, status: 'PASS', message: 'gone' });
    } catch (err) {
      results.push({ ...base, status: 'ERROR', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return {
    node_id: node.id,
    node_name: node.name,
    node_status: node.status,
    cleanup_complete: results.every((r) => r.status === 'PASS'),
    validation_results: results,
    timestamp: new Date().toISOString(),
  };
}
