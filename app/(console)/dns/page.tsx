import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';
import { RoleGate } from '@/components/auth/RoleGate';
import { AddDnsRecordButton } from '@/components/dns/AddDnsRecordButton';
import { DnsRecordTable } from '@/components/dns/DnsRecordTable';
import { dnsZone } from '@/lib/cleanup/runtime';
import { listDnsRecords } from '@/lib/dns/records';

export const metadata = { title: 'DNS' };
export const dynamic = 'force-dynamic';

export default async function DnsPage() {
  const zone = dnsZone();
  const records = await listDnsRecords(zone);
  return (
    <>
      <PageHeader title="DNS" description={`A and PTR records in the private DNS Services zone ${zone.zoneName}, with the node, cluster or operator that owns each.`} />
      {records.length === 0 ? (
        <>
          <EmptyState title="No DNS records are tracked yet.">Records appear here when nodes are provisioned, or when an operator adds one.</EmptyState>
          <div style={{ marginTop: '1rem' }}>
            <RoleGate min="operator"><AddDnsRecordButton zoneName={zone.zoneName} /></RoleGate>
          </div>
        </>
      ) : (
        <DnsRecordTable records={records} zoneName={zone.zoneName} />
      )}
    </>
  );
}
