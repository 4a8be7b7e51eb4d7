import { db, type Prisma } from '@/lib/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { DnsApi } from '@/lib/ibmcloud/api';
import { asDomainError } from '@/lib/ibmcloud/errors';
import { cloudRecordName, ipFromPtrName, isIpv4, recordFqdn, relativeName, trackedRecordName } from './naming';
import type { CreateDnsRecordInput, DNS_SORTS, DnsRecordView, ListDnsRecordsQuery } from './schemas';
import { orderByFor, type PageFacts } from '@/lib/db/paging';

export interface DnsZone {
  dns: Pick<DnsApi, 'createARecord' | 'createPtrRecord' | 'deleteResourceRecord' | 'listResourceRecords'>;
  zoneId: string;
  zoneName: string;
}

const include = { node: { select: { id: true, name: true } }, cluster: { select: { id: true, name: true } } } as const;
type Row = Prisma.DnsRecordGetPayload<{ include: typeof include }>;

export function toDnsRecordView(r: Row, zoneName: string): DnsRecordView {
  return {
    id: r.id,
    name: r.name,
    fqdn: cloudRecordName(r, zoneName),
    type: r.type,
    rdata: r.rdata,
    ttl: r.ttl,
    owner: r.owner,
    node: r.node,
    cluster: r.cluster,
    cloud_id: r.cloudId,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
  };
}

const DNS_SORT_COLUMNS: Record<(typeof DNS_SORTS)[number], 'name' | 'type' | 'rdata' | 'owner' | 'id'> = {
  name: 'name',
  type: 'type',
  rdata: 'rdata',
  owner: 'owner',
  created_at: 'id',
};

/**
 * Records we track in the zone, with their owner, and the total matching: filters by owner, type
 * and a name/value search; numbered pages sorted by any DNS_SORTS column (default: name, type).
 */
export async function listDnsRecords(zone: Pick<DnsZone, 'zoneId' | 'zoneName'>, query: ListDnsRecordsQuery = {}): Promise<{ records: DnsRecordView[] } & PageFacts> {
  const where: Prisma.DnsRecordWhereInput = {
    zoneId: zone.zoneId,
    owner: query.owner,
    type: query.type,
    ...(query.q ? { OR: [{ name: { contains: query.q.toLowerCase() } }, { rdata: { contains: query.q.toLowerCase() } }] } : {}),
  };
  const sort = query.sort ?? 'name';
  const order = query.order ?? 'asc';
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 1000;
  const orderBy = sort === 'name' ? [{ name: order }, { type: order }] : orderByFor(DNS_SORT_COLUMNS, sort, order, 'id');
  const [rows, total] = await Promise.all([db.dnsRecord.findMany({ where, include, orderBy, skip: offset, take: limit }), db.dnsRecord.count({ where })]);
  return { records: rows.map((r) => toDnsRecordView(r, zone.zoneName)), total, offset, limit, sort, order };
}

async function findTracked(name: string, zone: DnsZone): Promise<Row[]> {
  const tracked = trackedRecordName(name, zone.zoneName);
  return db.dnsRecord.findMany({ where: { zoneId: zone.zoneId, ...tracked }, include });
}

/** The tracked records (A and/or PTR) a path name means; 404 when we track none. */
export async function getDnsRecords(name: string, zone: DnsZone): Promise<DnsRecordView[]> {
  const rows = await findTracked(name, zone);
  if (rows.length === 0) throw new NotFoundError(`No DNS record named ${name} is tracked in zone ${zone.zoneName}`);
  return rows.map((r) => toDnsRecordView(r, zone.zoneName));
}

/** Creates a manual A or PTR record in the zone and tracks it with owner `manual`. */
export async function createManualDnsRecord(input: CreateDnsRecordInput, createdBy: string, zone: DnsZone): Promise<DnsRecordView> {
  const isA = input.record_type === 'A';
  const ip = isA ? input.value : isIpv4(input.record_name) ? input.record_name : ipFromPtrName(input.record_name)!;
  const relative = relativeName(isA ? input.record_name : input.value, zone.zoneName);
  const host = recordFqdn(relative, zone.zoneName);
  // Tracked rows are named as the DNS API takes them: relative name for A, the address for PTR.
  const name = isA ? relative : ip;
  const existing = await db.dnsRecord.findUnique({ where: { zoneId_name_type: { zoneId: zone.zoneId, name, type: input.record_type } } });
  if (existing) throw new ConflictError(`A ${input.record_type} record named ${name} already exists (owner ${existing.owner})`);
  let cloudId: string;
  try {
    const created = isA
      ? await zone.dns.createARecord({ name: relative, ip, ttl: input.ttl })
      : await zone.dns.createPtrRecord({ ip, ptrdname: host, ttl: input.ttl });
    cloudId = created.id;
  } catch (err) {
    throw asDomainError(err, isA ? 'record_name' : 'value');
  }
  const row = await db.dnsRecord.create({
    data: { zoneId: zone.zoneId, name, type: input.record_type, rdata: isA ? ip : host, ttl: input.ttl, cloudId, owner: 'manual', createdBy },
    include,
  });
  return toDnsRecordView(row, zone.zoneName);
}

/**
 * Deletes the manual record a path name means. Records owned by a node or a
 * cluster belong to its lifecycle: they are removed by cleaning that node or cluster up.
 */
export async function deleteManualDnsRecords(name: string, zone: DnsZone): Promise<DnsRecordView[]> {
  const rows = await findTracked(name, zone);
  if (rows.length === 0) throw new NotFoundError(`No DNS record named ${name} is tracked in zone ${zone.zoneName}`);
  const owned = rows.find((r) => r.owner !== 'manual');
  if (owned) {
    const by = owned.node ? `node ${owned.node.name}` : owned.cluster ? `cluster ${owned.cluster.name}` : owned.owner;
    throw new ConflictError(`DNS record ${owned.name} belongs to ${by}; clean that up instead of deleting its record`);
  }
  for (const row of rows) {
    try {
      if (row.cloudId) await zone.dns.deleteResourceRecord(row.cloudId);
    } catch (err) {
      throw asDomainError(err);
    }
    await db.dnsRecord.delete({ where: { id: row.id } });
  }
  return rows.map((r) => toDnsRecordView(r, zone.zoneName));
}
