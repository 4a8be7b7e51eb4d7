import { z } from 'zod';
import { pagingFields } from '@/lib/db/paging';
import { ipFromPtrName, isIpv4 } from './naming';

const HOSTNAME = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export const dnsRecordTypeSchema = z.enum(['A', 'PTR']);
export type DnsRecordType = z.infer<typeof dnsRecordTypeSchema>;

/** DNS Services accepts TTLs from 60 s to 12 h (docs/reference/ibmcloud-api.md §6.3); the Python original used 300 (docs/reference/original-detailed.md §1.5). */
export const ttlSchema = z.number().int().min(60).max(43200).default(300);

/**
 * POST /api/dns/records. The Python original documented `{record_name, record_type, value}` but its code
 * read `{name, rdata}`; both spellings are accepted, the documented one wins.
 */
export const createDnsRecordSchema = z
  .preprocess(
    (raw) => {
      if (!raw || typeof raw !== 'object') return raw;
      const r = raw as Record<string, unknown>;
      return { ...r, record_name: r.record_name ?? r.name, value: r.value ?? r.rdata, record_type: r.record_type ?? r.type };
    },
    z.object({
      record_name: z.string().trim().min(1, 'required').max(253).regex(HOSTNAME, 'must be a DNS name or an IPv4 address'),
      record_type: dnsRecordTypeSchema,
      value: z.string().trim().min(1, 'required').max(253),
      ttl: ttlSchema,
    }),
  )
  .superRefine((body, ctx) => {
    if (body.record_type === 'A' && !isIpv4(body.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'an A record needs an IPv4 address' });
    }
    if (body.record_type === 'A' && isIpv4(body.record_name)) {
      ctx.addIssue({ code: 'custom', path: ['record_name'], message: 'an A record needs a host name, not an address' });
    }
    if (body.record_type === 'PTR') {
      if (!isIpv4(body.record_name) && !ipFromPtrName(body.record_name)) {
        ctx.addIssue({ code: 'custom', path: ['record_name'], message: 'a PTR record is named by the IPv4 address it maps' });
      }
      if (!HOSTNAME.test(body.value) || isIpv4(body.value)) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'a PTR record points at a host name (an existing A record)' });
      }
    }
  });
export type CreateDnsRecordInput = z.output<typeof createDnsRecordSchema>;

export const dnsRecordNameParamSchema = z.object({
  name: z.string().trim().min(1).max(253).regex(HOSTNAME, 'must be a DNS name or an IPv4 address'),
});

/** Columns of GET /api/dns/records that `sort` accepts. */
export const DNS_SORTS = ['name', 'type', 'rdata', 'owner', 'created_at'] as const;

/** GET /api/dns/records: filters and numbered pages (without `limit`, the first 1000 records as before). */
export const listDnsRecordsQuerySchema = z.object({
  owner: z.enum(['node', 'cluster', 'manual']).optional(),
  type: dnsRecordTypeSchema.optional(),
  q: z.string().trim().max(253).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  ...pagingFields(DNS_SORTS),
});
export type ListDnsRecordsQuery = Partial<z.output<typeof listDnsRecordsQuerySchema>>;

/** One record as the API and the DNS page show it. */
export const dnsRecordViewSchema = z.object({
  id: z.number(),
  /** As the DNS API takes it: the relative name (A) or the address (PTR). */
  name: z.string(),
  /** As DNS Services reports it: the FQDN (A) or `<reversed ip>.in-addr.arpa` (PTR). */
  fqdn: z.string(),
  type: z.string(),
  rdata: z.string(),
  ttl: z.number(),
  owner: z.string(),
  node: z.object({ id: z.number(), name: z.string() }).nullable(),
  cluster: z.object({ id: z.number(), name: z.string() }).nullable(),
  cloud_id: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
export type DnsRecordView = z.infer<typeof dnsRecordViewSchema>;
