import { nodeDnsRecords, reverseName } from '@/lib/dns/naming';
import { done, type StepDefinition } from '../context';
import { assertDnsNameFree, ensureResource, fromDnsRecord, trackDnsRecord } from '@/lib/ledger/ledger';
import { allocationOf, namesOf } from './network';

export const DNS_TTL = 300;

/** A + PTR records for the management, AHV, CVM and workload addresses, A before each PTR. */
export const registerDnsStep: StepDefinition = {
  name: 'register_dns',
  async run(ctx) {
    const names = namesOf(ctx);
    const ips = await allocationOf(ctx);
    const zoneName = ctx.settings.dnsZoneName;
    const addresses = Object.fromEntries(Object.entries(ips).map(([purpose, a]) => [purpose, a.address]));
    const records = nodeDnsRecords(ctx.node.name, addresses, zoneName);
    const created: { type: string; name: string; rdata: string; id: string }[] = [];
    for (const record of records) {
      const lookup = record.type === 'A' ? record.fqdn : reverseName(record.name);
      const tracking = { zoneId: ctx.cloud.dns.zoneId, name: record.name, type: record.type, owner: { nodeId: ctx.node.id } };
      await assertDnsNameFree(tracking);
      const id = await ensureResource(
        {
          kind: 'dns_record',
          name: names.dnsRecord(record.purpose, record.type),
          nodeId: ctx.node.id,
          deploymentId: ctx.deployment.id,
          address: record.type === 'A' ? record.rdata : record.name,
          expect: { type: record.type, recordName: lookup, rdata: record.rdata, zoneId: ctx.cloud.dns.zoneId },
        },
        async () =>
          fromDnsRecord(record.type === 'A'
            // The ledger has just looked for the record by name: no second lookup before the create.
            ? await ctx.cloud.dns.createARecord({ name: record.name, ip: record.rdata, ttl: DNS_TTL }, { lookedUp: true })
            : await ctx.cloud.dns.createPtrRecord({ ip: record.name, ptrdname: record.rdata, ttl: DNS_TTL }, { lookedUp: true })),
        ctx.cloud,
      );
      await trackDnsRecord({ ...tracking, rdata: record.rdata, ttl: DNS_TTL, cloudId: id });
      created.push({ type: record.type, name: record.name, rdata: record.rdata, id });
    }
    return done({ records: created });
  },
};
