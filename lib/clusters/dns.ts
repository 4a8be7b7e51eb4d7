import { db } from '@/lib/db/client';
import { clusterRecordName, deletionOrder, recordPair, type PlannedRecord } from '@/lib/dns/naming';
import type { DnsApi } from '@/lib/ibmcloud';
import { ledgerCreated, ledgerDeleted, ledgerIntent, liveClusterResources } from './ledger';

export interface ClusterDnsDeps {
  dns: Pick<DnsApi, 'createARecord' | 'createPtrRecord' | 'deleteResourceRecord'>;
  zoneId: string;
  zoneName: string;
}

/** The cluster name → virtual IP and `<name>-ds` → data-services IP, each with its PTR. */
export function plannedClusterRecords(cluster: { name: string; clusterIp: string; dataServicesIp: string }, zoneName: string): PlannedRecord[] {
  const name = clusterRecordName(cluster.name);
  return [...recordPair(name, cluster.clusterIp, zoneName, 'cluster'), ...recordPair(`${name}-ds`, cluster.dataServicesIp, zoneName, 'cluster')];
}

/** Creates (or finds, when replayed) the cluster's records in the zone and tracks them. */
export async function registerClusterDns(
  cluster: { id: number; name: string; clusterIp: string; dataServicesIp: string },
  deploymentId: string,
  deps: ClusterDnsDeps,
): Promise<PlannedRecord[]> {
  const planned = plannedClusterRecords(cluster, deps.zoneName);
  for (const r of planned) {
    const tracked = await db.dnsRecord.findUnique({ where: { zoneId_name_type: { zoneId: deps.zoneId, name: r.name, type: r.type } } });
    if (tracked?.clusterId === cluster.id && tracked.rdata === r.rdata) continue;
    const entry = await ledgerIntent({ kind: 'dns_record', name: `${r.type}:${r.name}`, clusterId: cluster.id, deploymentId, details: { rdata: r.rdata } });
    const created = r.type === 'A' ? await deps.dns.createARecord({ name: r.name, ip: r.rdata }) : await deps.dns.createPtrRecord({ ip: r.type === 'PTR' ? ipOfPtr(planned, r) : r.rdata, ptrdname: r.rdata });
    await ledgerCreated(entry.id, created.id);
    const data = { rdata: r.rdata, ttl: created.ttl, cloudId: created.id, owner: 'cluster', clusterId: cluster.id, nodeId: null };
    await db.dnsRecord.upsert({
      where: { zoneId_name_type: { zoneId: deps.zoneId, name: r.name, type: r.type } },
      create: { zoneId: deps.zoneId, name: r.name, type: r.type, ...data },
      update: data,
    });
  }
  return planned;
}

/** A PTR's address is the rdata of the A record it points back at. */
function ipOfPtr(planned: PlannedRecord[], ptr: PlannedRecord) {
  return planned.find((a) => a.type === 'A' && a.name === ptr.rdata)!.rdata;
}

/** Deletes every record the cluster owns (PTRs before their A records) and forgets them. */
export async function removeClusterDns(clusterId: number, deps: Pick<ClusterDnsDeps, 'dns'>): Promise<number> {
  const rows = deletionOrder(await db.dnsRecord.findMany({ where: { clusterId, owner: 'cluster' } }));
  for (const row of rows) {
    if (row.cloudId) await deps.dns.deleteResourceRecord(row.cloudId);
    await db.dnsRecord.delete({ where: { id: row.id } });
  }
  for (const entry of await liveClusterResources(clusterId, 'dns_record')) await ledgerDeleted(entry.id);
  return rows.length;
}
