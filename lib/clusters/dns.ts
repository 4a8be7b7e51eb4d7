import { db } from '@/lib/db/client';
import { recordFqdn, reverseName } from '@/lib/dns/naming';
import type { DnsApi } from '@/lib/ibmcloud';
import { assertDnsNameFree, ensureResource, fromDnsRecord, ledgerForTeardown, trackDnsRecord } from '@/lib/ledger/ledger';
import { deleteLedgerResource } from '@/lib/ledger/teardown';

export const CLUSTER_DNS_TTL = 300;

export interface ClusterDnsDeps {
  dns: Pick<DnsApi, 'createARecord' | 'createPtrRecord' | 'deleteResourceRecord' | 'listResourceRecords'>;
  zoneId: string;
  zoneName: string;
}

export interface PlannedClusterRecord {
  type: 'A' | 'PTR';
  /** As tracked in DnsRecord (the provisioning convention): A = relative name, PTR = the address. */
  name: string;
  rdata: string;
  /** The name DNS Services reports (FQDN, or the in-addr.arpa name of a PTR). */
  lookup: string;
  ledgerName: string;
}

/** `<cluster>` → virtual IP and `<cluster>-ds` → data-services IP, each A before its PTR. */
export function plannedClusterRecords(cluster: { name: string; clusterIp: string; dataServicesIp: string }, zoneName: string): PlannedClusterRecord[] {
  return [
    [cluster.name, cluster.clusterIp],
    [`${cluster.name}-ds`, cluster.dataServicesIp],
  ].flatMap(([name, ip]) => {
    const fqdn = recordFqdn(name, zoneName);
    return [
      { type: 'A' as const, name, rdata: ip, lookup: fqdn, ledgerName: `${name}-a` },
      { type: 'PTR' as const, name: ip, rdata: fqdn, lookup: reverseName(ip), ledgerName: `${name}-ptr` },
    ];
  });
}

/** Creates (or finds, when replayed) the cluster's records in the zone and tracks them. */
export async function registerClusterDns(
  cluster: { id: number; name: string; clusterIp: string; dataServicesIp: string },
  deploymentId: string,
  deps: ClusterDnsDeps,
): Promise<PlannedClusterRecord[]> {
  const planned = plannedClusterRecords(cluster, deps.zoneName);
  for (const r of planned) {
    const tracking = { zoneId: deps.zoneId, name: r.name, type: r.type, owner: { clusterId: cluster.id } };
    await assertDnsNameFree(tracking);
    const cloudId = await ensureResource(
      {
        kind: 'dns_record', name: `cluster-${r.ledgerName}`, clusterId: cluster.id, deploymentId, address: r.type === 'A' ? r.rdata : r.name,
        expect: { type: r.type, recordName: r.lookup, rdata: r.rdata, zoneId: deps.zoneId },
      },
      async () =>
        fromDnsRecord(r.type === 'A'
          ? await deps.dns.createARecord({ name: r.name, ip: r.rdata, ttl: CLUSTER_DNS_TTL })
          : await deps.dns.createPtrRecord({ ip: r.name, ptrdname: r.rdata, ttl: CLUSTER_DNS_TTL })),
      { dns: deps.dns },
    );
    await trackDnsRecord({ ...tracking, rdata: r.rdata, ttl: CLUSTER_DNS_TTL, cloudId });
  }
  return planned;
}

/** Deletes every record the cluster owns (PTRs before their A records) and forgets them. */
export async function removeClusterDns(clusterId: number, deps: Pick<ClusterDnsDeps, 'dns'>): Promise<number> {
  const entries = (await ledgerForTeardown({ clusterId })).filter((r) => r.kind === 'dns_record');
  const tracked = await db.dnsRecord.count({ where: { clusterId, owner: 'cluster' } });
  for (const entry of entries) await deleteLedgerResource(entry, { dns: deps.dns });
  await db.dnsRecord.deleteMany({ where: { clusterId, owner: 'cluster' } });
  return tracked;
}
