import { apiQuery, filtersFrom, LIST_FILTERS, listView } from '@/components/common/list-query';
import { PageHeader } from '@/components/common/PageHeader';
import { DnsRecordTable } from '@/components/dns/DnsRecordTable';
import { dnsZone } from '@/lib/cleanup/runtime';
import { listDnsRecords } from '@/lib/dns/records';
import { listDnsRecordsQuerySchema } from '@/lib/dns/schemas';

export const metadata = { title: 'DNS' };
export const dynamic = 'force-dynamic';

export default async function DnsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const zone = dnsZone();
  const params = await searchParams;
  const query = apiQuery(listView(params), filtersFrom(params, LIST_FILTERS.dns));
  const parsed = listDnsRecordsQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
  const initial = parsed.success ? await listDnsRecords(zone, parsed.data) : { records: [], total: 0 };
  return (
    <>
      <PageHeader title="DNS" description={`A and PTR records in the private DNS Services zone ${zone.zoneName}, with the node, cluster or operator that owns each.`} />
      <DnsRecordTable initial={initial} initialQuery={query} zoneName={zone.zoneName} />
    </>
  );
}
