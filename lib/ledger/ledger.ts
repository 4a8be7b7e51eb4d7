import { db, type Prisma } from '@/lib/db/client';
import type { CloudResource } from '@/lib/db/generated/client';
import { cloudRecordName } from '@/lib/dns/naming';
import { ResourceConflictError } from '@/lib/errors';
import type { BareMetalServer, DnsApi, DnsResourceRecord, ReservedIp, TagsApi, VirtualNetworkInterface, VpcApi } from '@/lib/ibmcloud';
import { primaryVniIdOf, recordValue, wasRecovered } from '@/lib/ibmcloud';
import { planCleanup, type CleanupPlan, type LedgerEntry } from '@/lib/cleanup/plan';
import { getInstallationTag } from '@/lib/system/installation';

/**
 * The CloudResource ledger: the one record of what the orchestrator created in the cloud, for
 * provisioning, cluster formation, rollback and cleanup alike. Intent is written *before* a create
 * call with the deterministic name and the attributes we asked for; `createSent` is set just before
 * the call goes out. A found resource counts as ours only when it is provably the one a row asked
 * for (see `isOurs`); anything else is a `ResourceConflictError` and is never touched.
 */
export type ResourceKind = 'reserved_ip' | 'vni' | 'bare_metal_server' | 'dns_record';

/** What a row expects the cloud object to look like (kept in `details`). */
export interface ResourceExpectation {
  /** VNI: the reserved IP (ours) bound as primary. */
  primaryIpId?: string;
  /** Server: the profile and the VNI (ours) of the primary attachment. */
  profile?: string;
  primaryVniId?: string;
  /** DNS: record type, the name DNS Services reports, and the exact rdata (A: ip, PTR: FQDN). */
  type?: string;
  recordName?: string;
  rdata?: string;
  zoneId?: string;
}

export interface ResourceIntent {
  kind: ResourceKind;
  name: string;
  nodeId?: number;
  clusterId?: number;
  deploymentId?: string;
  subnetId?: string;
  address?: string;
  expect?: ResourceExpectation;
}

interface RowDetails extends ResourceExpectation {
  /** The create call was (or may have been) sent: a same-name resource may be the one it made. */
  createSent?: boolean;
}

export const detailsOf = (row: Pick<CloudResource, 'details'>) => (row.details ?? {}) as RowDetails;

/** A cloud object as the ledger compares it, whatever its kind. */
export interface FoundResource {
  id: string;
  name: string;
  crn?: string;
  subnetId?: string;
  address?: string;
  primaryIpId?: string;
  profile?: string;
  primaryVniId?: string;
  type?: string;
  rdata?: string;
  /** A create answered with a same-name object it looked up (name conflict, lost answer): not known to be what we made. */
  recovered?: boolean;
}

export function ownerLabel(row: { nodeId: number | null; clusterId: number | null }, names: { node?: string | null; cluster?: string | null } = {}): string {
  if (row.nodeId !== null) return `node ${names.node ?? row.nodeId}`;
  if (row.clusterId !== null) return `cluster ${names.cluster ?? row.clusterId}`;
  return 'a deleted owner';
}

async function describeOwner(row: { nodeId: number | null; clusterId: number | null }): Promise<string> {
  const [node, cluster] = await Promise.all([
    row.nodeId !== null ? db.node.findUnique({ where: { id: row.nodeId }, select: { name: true } }) : null,
    row.clusterId !== null ? db.cluster.findUnique({ where: { id: row.clusterId }, select: { name: true } }) : null,
  ]);
  return ownerLabel(row, { node: node ? `${node.name} (id ${row.nodeId})` : null, cluster: cluster ? `${cluster.name} (id ${row.clusterId})` : null });
}

const sameOwner = (row: { nodeId: number | null; clusterId: number | null }, intent: { nodeId?: number; clusterId?: number }) =>
  row.nodeId === (intent.nodeId ?? null) && row.clusterId === (intent.clusterId ?? null);

export function liveResource(kind: ResourceKind, name: string) {
  return db.cloudResource.findFirst({ where: { kind, name, state: { not: 'deleted' } } });
}

/**
 * The live ledger row for this kind and name, created if there is none (`inserted`: by this call).
 * A live row of another owner is never handed over: that is a conflict naming the holder.
 * `createSent`: a new row is written with its create already marked as going out (the caller
 * sends it next, with nothing to look at first).
 */
export async function recordIntent(intent: ResourceIntent, opts: { createSent?: boolean } = {}): Promise<{ row: CloudResource; inserted: boolean }> {
  const details: RowDetails = { ...intent.expect, ...(opts.createSent ? { createSent: true } : {}) };
  // The partial unique index (kind, name WHERE state <> 'deleted') settles a race between workers.
  const [created] = await db.$queryRaw<CloudResource[]>`
    INSERT INTO "CloudResource" ("id", "kind", "name", "state", "subnetId", "address", "details", "nodeId", "clusterId", "deploymentId", "updatedAt")
    VALUES (gen_random_uuid()::text, ${intent.kind}, ${intent.name}, 'intent', ${intent.subnetId ?? null}, ${intent.address ?? null},
            ${JSON.stringify(details)}::jsonb, ${intent.nodeId ?? null}, ${intent.clusterId ?? null}, ${intent.deploymentId ?? null}, now())
    ON CONFLICT ("kind", "name") WHERE "state" <> 'deleted' DO NOTHING
    RETURNING *`;
  if (created) return { row: created, inserted: true };
  const row = await liveResource(intent.kind, intent.name);
  if (!row) throw new Error(`ledger row ${intent.kind}/${intent.name} vanished`);
  if (!sameOwner(row, intent)) {
    const holder = await describeOwner(row);
    throw new ResourceConflictError(`${kindLabel(intent.kind)} ${intent.name} is still held by ${holder} (ledger state ${row.state})`, intent.name, holder);
  }
  return { row, inserted: false };
}

export function kindLabel(kind: string): string {
  return { reserved_ip: 'Reserved IP', vni: 'Virtual network interface', bare_metal_server: 'Bare-metal server', dns_record: 'DNS record' }[kind] ?? kind;
}

// ---- Finding a row's cloud object ---------------------------------------------------------------

/**
 * The cloud as the ledger needs it. Each part is only required for the kinds that use it (cluster
 * formation, which holds reserved IPs and DNS records only, passes no tagging client).
 */
export interface LedgerCloud {
  vpc?: Partial<Pick<VpcApi, 'listBareMetalServers' | 'findVirtualNetworkInterfaceByName' | 'listReservedIps' | 'getBareMetalServer' | 'deleteBareMetalServer' | 'deleteVirtualNetworkInterface' | 'releaseIp'>>;
  dns?: Partial<Pick<DnsApi, 'listResourceRecords' | 'deleteResourceRecord'>>;
  tags?: Pick<TagsApi, 'listTags' | 'attachTags'>;
}

/** The method `name` of a cloud part, or an error saying the caller did not wire it. */
export function api<P extends object, K extends keyof P>(part: P | undefined, name: K): NonNullable<P[K]> {
  const fn = part?.[name];
  if (typeof fn !== 'function') throw new Error(`ledger: the cloud client passed has no ${String(name)}`);
  return (fn as (...args: unknown[]) => unknown).bind(part) as NonNullable<P[K]>;
}

const recovered = (found: object) => (wasRecovered(found) ? { recovered: true } : {});
export const fromServer = (s: BareMetalServer): FoundResource => ({
  id: s.id, name: s.name, crn: s.crn, profile: s.profile?.name, primaryVniId: primaryVniIdOf(s), ...recovered(s),
});
export const fromVni = (v: VirtualNetworkInterface): FoundResource => ({
  id: v.id, name: v.name, crn: v.crn, subnetId: v.subnet?.id, primaryIpId: v.primary_ip?.id, ...recovered(v),
});
export const fromReservedIp = (subnetId: string, ip: ReservedIp): FoundResource => ({ id: ip.id, name: ip.name, subnetId, address: ip.address, ...recovered(ip) });
export const fromDnsRecord = (r: DnsResourceRecord): FoundResource => ({
  id: r.id, name: r.name, type: r.type, rdata: recordValue(r), ...recovered(r),
});

/**
 * Kinds whose names IBM Cloud keeps unique (reserved IPs per subnet, VNIs per VPC, servers per
 * region): a same-name object makes the create fail, so a row whose create never went out needs
 * no look first. DNS allows duplicates and is always looked up.
 */
const UNIQUE_NAMES: ReadonlySet<ResourceKind> = new Set(['reserved_ip', 'vni', 'bare_metal_server']);

/** Same-name cloud objects a row could stand for (DNS: same type and name). */
export async function findCandidates(row: CloudResource, cloud: LedgerCloud): Promise<FoundResource[]> {
  const d = detailsOf(row);
  switch (row.kind) {
    case 'bare_metal_server':
      return (await api(cloud.vpc, 'listBareMetalServers')({ name: row.name })).filter((s) => s.name === row.name).map(fromServer);
    case 'vni': {
      const vni = await api(cloud.vpc, 'findVirtualNetworkInterfaceByName')(row.name);
      return vni ? [fromVni(vni)] : [];
    }
    case 'reserved_ip': {
      if (!row.subnetId) throw new ResourceConflictError(`Reserved IP ${row.name} has no subnet recorded: release it by hand, then release its ledger row`, row.name);
      const subnetId = row.subnetId;
      return (await api(cloud.vpc, 'listReservedIps')(subnetId)).filter((ip) => ip.name === row.name).map((ip) => fromReservedIp(subnetId, ip));
    }
    case 'dns_record': {
      if (!d.type || !d.recordName) return [];
      const records = await api(cloud.dns, 'listResourceRecords')({ type: d.type, name: d.recordName });
      return records.filter((r) => r.type === d.type && r.name.toLowerCase() === d.recordName!.toLowerCase()).map(fromDnsRecord);
    }
    default:
      return [];
  }
}

/** Does the object have exactly the attributes the row recorded (those it recorded)? */
export function matchesRow(row: CloudResource, found: FoundResource): boolean {
  const d = detailsOf(row);
  const same = (want: string | null | undefined, got: string | undefined) => want === undefined || want === null || want.toLowerCase() === (got ?? '').toLowerCase();
  switch (row.kind) {
    case 'reserved_ip':
      return same(row.subnetId, found.subnetId) && same(row.address, found.address);
    case 'vni':
      return same(row.subnetId, found.subnetId) && same(d.primaryIpId, found.primaryIpId);
    case 'bare_metal_server':
      return same(d.profile, found.profile) && same(d.primaryVniId, found.primaryVniId);
    case 'dns_record':
      return same(d.type, found.type) && d.rdata !== undefined && same(d.rdata.replace(/\.$/, ''), found.rdata?.replace(/\.$/, ''));
    default:
      return false;
  }
}

/** Another owner's live ledger row or DNS tracking row already stands for this cloud id. */
async function heldByAnother(row: CloudResource, cloudId: string): Promise<string | null> {
  const other = await db.cloudResource.findFirst({ where: { cloudId, state: { not: 'deleted' }, id: { not: row.id } } });
  if (other && !sameOwner(other, { nodeId: row.nodeId ?? undefined, clusterId: row.clusterId ?? undefined })) return describeOwner(other);
  if (row.kind === 'dns_record') {
    const tracked = await db.dnsRecord.findFirst({ where: { cloudId } });
    if (tracked && !(tracked.nodeId === row.nodeId && tracked.clusterId === row.clusterId)) {
      return tracked.owner === 'manual' ? `a manual record (by ${tracked.createdBy ?? 'an operator'})` : describeOwner(tracked);
    }
  }
  return null;
}

/**
 * Is `found` provably the object this row asked for? Its recorded cloud id; or, when the create's
 * answer may have been lost (`createSent`), the same name, exactly the recorded attributes (for a
 * VNI its primary IP is our reserved IP, for a server its primary VNI is ours, for DNS the exact
 * rdata) and no other owner's row for it. A server or VNI carrying another installation's tag, or
 * neither our tag nor a reference to our own resources, is not ours.
 */
export async function isOurs(row: CloudResource, found: FoundResource, cloud: LedgerCloud): Promise<boolean> {
  if (row.cloudId) return found.id === row.cloudId;
  if (!detailsOf(row).createSent || !matchesRow(row, found)) return false;
  if (await heldByAnother(row, found.id)) return false;
  if (found.crn && (row.kind === 'vni' || row.kind === 'bare_metal_server')) {
    const tags = await api(cloud.tags, 'listTags')(found.crn);
    const tag = await getInstallationTag();
    if (tags.some((t) => t.toLowerCase().startsWith('nvo-installation:') && t.toLowerCase() !== tag.toLowerCase())) return false;
  }
  return true;
}

async function conflictFor(row: CloudResource, found: FoundResource): Promise<ResourceConflictError> {
  const holder = (await heldByAnother(row, found.id)) ?? undefined;
  const what = row.kind === 'dns_record' ? `${found.type} record ${found.name}${found.rdata ? ` -> ${found.rdata}` : ''}` : `${found.name} (${found.id})`;
  const by = holder ? `it belongs to ${holder}` : 'it was not created by this deployment';
  return new ResourceConflictError(`${kindLabel(row.kind)} ${what} already exists and ${by}; it was left untouched`, found.name, holder);
}

/**
 * Makes sure the row's resource exists in the cloud and in the ledger; returns its cloud id.
 * A same-name object that is not provably ours is a conflict; `create` runs only when nothing
 * with the name exists, and what it returns must have the attributes we asked for. A row whose
 * create never went out skips the look for kinds with unique names: the create itself fails on
 * a same-name object, the client hands that object back `recovered`, and it is proven like a
 * found one (a look per VNI listed every VNI of the account: a quarter of a provision's VPC calls).
 */
export async function ensureResource(
  intent: ResourceIntent,
  create: () => Promise<FoundResource>,
  cloud: LedgerCloud,
  /** The same-name objects, when the caller has just listed them itself (saves a listing per resource). */
  listed?: FoundResource[],
): Promise<string> {
  // A new row of a unique-name kind with no same-name object listed: its create goes out next.
  const straightToCreate = UNIQUE_NAMES.has(intent.kind) && !listed?.some((c) => c.name === intent.name);
  const intended = await recordIntent(intent, { createSent: straightToCreate });
  let row = intended.row;
  if (row.state === 'created' && row.cloudId) return row.cloudId;
  const fresh = intended.inserted && straightToCreate;
  const neverSent = !detailsOf(row).createSent && UNIQUE_NAMES.has(row.kind as ResourceKind);
  const candidates = fresh ? [] : (listed?.filter((c) => c.name === row.name) ?? (neverSent ? [] : await findCandidates(row, cloud)));
  let resource: FoundResource | undefined;
  for (const c of candidates) {
    if (!(await isOurs(row, c, cloud))) throw await conflictFor(row, c);
    resource ??= c;
  }
  if (!resource) {
    if (!fresh) row = await db.cloudResource.update({ where: { id: row.id }, data: { details: { ...detailsOf(row), createSent: true } as Prisma.InputJsonValue } });
    resource = await create();
    const proven = resource.recovered ? await isOurs(row, resource, cloud) : matchesRow(row, resource) && !(await heldByAnother(row, resource.id));
    if (!proven) throw await conflictFor(row, resource);
  }
  // Ours now (created, or proven after a lost answer): make sure it carries our tag (idempotent).
  if (resource.crn && (row.kind === 'vni' || row.kind === 'bare_metal_server')) {
    await api(cloud.tags, 'attachTags')([resource.crn], [await getInstallationTag()]);
  }
  await db.cloudResource.update({ where: { id: row.id }, data: { state: 'created', cloudId: resource.id } });
  return resource.id;
}

// ---- Reading and marking ------------------------------------------------------------------------

/** Creation order of a node's resources; teardown walks it backwards. */
const CREATION_ORDER: ResourceKind[] = ['reserved_ip', 'vni', 'dns_record', 'bare_metal_server'];

function creationRank(row: CloudResource): number {
  // A PTR is created after (and must be deleted before) its A record.
  const ptr = row.kind === 'dns_record' && (detailsOf(row).type === 'PTR' || row.name.endsWith('-ptr')) ? 0.5 : 0;
  return CREATION_ORDER.indexOf(row.kind as ResourceKind) + ptr;
}

/** Live ledger rows of a deployment, node or cluster in the order to delete them: reverse creation. */
export async function ledgerForTeardown(where: { deploymentId?: string; nodeId?: number; clusterId?: number }) {
  const rows = await db.cloudResource.findMany({ where: { ...where, state: { not: 'deleted' } }, orderBy: { createdAt: 'desc' } });
  return rows.sort((a, b) => creationRank(b) - creationRank(a) || b.createdAt.getTime() - a.createdAt.getTime());
}

/** The node's ledger entries that still stand for a cloud object (anything not `deleted`). */
export function liveLedger(nodeId: number): Promise<LedgerEntry[]> {
  return db.cloudResource.findMany({
    where: { nodeId, state: { not: 'deleted' } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, kind: true, name: true, cloudId: true, state: true, subnetId: true, address: true, details: true },
  });
}

/** What a cleanup of the node would delete right now, from its ledger and tracked DNS records. */
export async function planNodeCleanup(nodeId: number): Promise<CleanupPlan> {
  const [ledger, dns] = await Promise.all([
    liveLedger(nodeId),
    db.dnsRecord.findMany({ where: { nodeId }, select: { id: true, name: true, type: true, rdata: true, cloudId: true, zoneId: true } }),
  ]);
  // A zone id is `<zone name>:<uuid>` (docs/reference/ibmcloud-api.md §6.1).
  return planCleanup(ledger, dns.map((r) => ({ ...r, recordName: cloudRecordName(r, r.zoneId.split(':')[0]) })));
}

/** Moves a row on; `deleted` stamps deletedAt. A row id of null (a DNS record only tracked) is a no-op. */
export async function markResource(id: string | null, state: 'deleting' | 'deleted' | 'failed', cloudId?: string) {
  if (!id) return;
  await db.cloudResource.update({
    where: { id },
    data: { state, ...(cloudId ? { cloudId } : {}), ...(state === 'deleted' ? { deletedAt: new Date() } : {}) },
  });
}

// ---- DNS tracking rows (DnsRecord) --------------------------------------------------------------

export interface DnsTracking {
  zoneId: string;
  /** As tracked: A = relative name, PTR = the address. */
  name: string;
  type: string;
  rdata: string;
  ttl: number;
  cloudId?: string;
  owner: { nodeId: number } | { clusterId: number };
}

/** Throws a conflict when another owner (another node or cluster, or a manual record) tracks this name. */
export async function assertDnsNameFree(t: Omit<DnsTracking, 'rdata' | 'ttl' | 'cloudId'>) {
  const tracked = await db.dnsRecord.findUnique({ where: { zoneId_name_type: { zoneId: t.zoneId, name: t.name, type: t.type } } });
  if (!tracked) return;
  const mine = 'nodeId' in t.owner ? tracked.owner === 'node' && tracked.nodeId === t.owner.nodeId : tracked.owner === 'cluster' && tracked.clusterId === t.owner.clusterId;
  if (mine) return;
  const holder = tracked.owner === 'manual' ? `a manual record (by ${tracked.createdBy ?? 'an operator'})` : await describeOwner(tracked);
  throw new ResourceConflictError(`${t.type} record ${t.name} is already tracked for ${holder}; it was left untouched`, t.name, holder);
}

/** Tracks a record of ours (after `assertDnsNameFree` and `ensureResource`). */
export async function trackDnsRecord(t: DnsTracking) {
  await assertDnsNameFree(t);
  const owner = 'nodeId' in t.owner
    ? { owner: 'node', nodeId: t.owner.nodeId, clusterId: null }
    : { owner: 'cluster', clusterId: t.owner.clusterId, nodeId: null };
  const data = { rdata: t.rdata, ttl: t.ttl, cloudId: t.cloudId, ...owner };
  await db.dnsRecord.upsert({
    where: { zoneId_name_type: { zoneId: t.zoneId, name: t.name, type: t.type } },
    create: { zoneId: t.zoneId, name: t.name, type: t.type, ...data },
    update: data,
  });
}
