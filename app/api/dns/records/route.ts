import { actorLabel } from '@/lib/auth/identity';
import { createManualDnsRecord, listDnsRecords } from '@/lib/dns/records';
import { createDnsRecordSchema, listDnsRecordsQuerySchema } from '@/lib/dns/schemas';
import { dnsZone } from '@/lib/cleanup/runtime';
import { json, parseBody, parseQuery, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async (req) => {
  const query = parseQuery(req, listDnsRecordsQuerySchema);
  const zone = dnsZone();
  const page = await listDnsRecords(zone, query);
  return json({ ...page, count: page.records.length, zone: zone.zoneName });
});

export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const body = await parseBody(req, createDnsRecordSchema);
  const record = await createManualDnsRecord(body, actorLabel(identity), dnsZone());
  await audit({ action: 'dns.record.create', targetType: 'dns_record', targetId: record.name, after: record });
  return json({ message: 'DNS record created successfully', record }, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
