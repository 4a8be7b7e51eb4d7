import { dnsZone } from '@/lib/cleanup/runtime';
import { deleteManualDnsRecords, getDnsRecords } from '@/lib/dns/records';
import { dnsRecordNameParamSchema } from '@/lib/dns/schemas';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

type Params = { name: string };

export const GET = route<Params>({ auth: 'viewer' }, async (_req, { params }) => {
  const { name } = dnsRecordNameParamSchema.parse(params);
  const records = await getDnsRecords(name, dnsZone());
  return json({ records, count: records.length });
});

export const DELETE = route<Params>({ auth: 'operator' }, async (_req, { params, audit }) => {
  const { name } = dnsRecordNameParamSchema.parse(params);
  const deleted = await deleteManualDnsRecords(name, dnsZone());
  await audit({ action: 'dns.record.delete', targetType: 'dns_record', targetId: name, before: deleted });
  return json({ message: `DNS record ${name} deleted successfully`, deleted });
});

export const { POST, PUT, PATCH } = methodsNotAllowed({ GET, DELETE });
