import type { CleanupContext } from '@/lib/cleanup/context';
import type { PlannedDeletion } from '@/lib/cleanup/plan';
import { waitUntil } from '@/lib/cleanup/wait';
import { db } from '@/lib/db/client';
import type { CloudResource } from '@/lib/db/generated/client';
import { ConflictError, NotFoundError, ResourceConflictError } from '@/lib/errors';
import { isNotFound, recordValue, type CloudClient } from '@/lib/ibmcloud';
import { api, detailsOf, findCandidates, isOurs, kindLabel, markResource, planNodeCleanup, type LedgerCloud } from './ledger';

/**
 * The one teardown of ledger rows, used by rollback (`deleteLedgerResource`, row by row) and by
 * node cleanup (the phased steps below). Both resolve a row's cloud object the same way
 * (`resolveCloudId`): the recorded id, or, when a create may have been sent, the same-name object
 * that is provably ours. A row whose create never went out has nothing in the cloud.
 */
export async function resolveCloudId(row: CloudResource, cloud: LedgerCloud): Promise<string | null> {
  // Without its subnet a reserved IP can be neither found nor released: refused, never just forgotten.
  if (row.kind === 'reserved_ip' && !row.subnetId) {
    throw new ResourceConflictError(`Reserved IP ${row.name} has no subnet recorded: release it by hand, then release its ledger row`, row.name);
  }
  if (row.cloudId) return row.cloudId;
  if (!detailsOf(row).createSent) return null;
  for (const c of await findCandidates(row, cloud)) {
    if (await isOurs(row, c, cloud)) return c.id;
  }
  return null;
}

function notFoundAsNull(err: unknown): null {
  if (isNotFound(err)) return null;
  throw err;
}

/**
 * Deletes one ledger row's cloud resource. Returns 'deleted' once it is gone, 'pending' while
 * the cloud is still deleting it (a bare-metal server takes a while; VNIs cannot go before it).
 */
export async function deleteLedgerResource(row: CloudResource, cloud: LedgerCloud): Promise<'deleted' | 'pending'> {
  const cloudId = await resolveCloudId(row, cloud);
  if (!cloudId) {
    await markResource(row.id, 'deleted');
    return 'deleted';
  }
  if (row.state !== 'deleting') await markResource(row.id, 'deleting', cloudId);
  switch (row.kind) {
    case 'bare_metal_server': {
      const server = await api(cloud.vpc, 'getBareMetalServer')(cloudId).catch(notFoundAsNull);
      if (!server) break;
      if (server.status !== 'deleting') await api(cloud.vpc, 'deleteBareMetalServer')(cloudId);
      return 'pending';
    }
    case 'vni':
      await api(cloud.vpc, 'deleteVirtualNetworkInterface')(cloudId);
      break;
    case 'reserved_ip':
      await api(cloud.vpc, 'releaseIp')(row.subnetId!, cloudId);
      break;
    case 'dns_record':
      await api(cloud.dns, 'deleteResourceRecord')(cloudId);
      await db.dnsRecord.deleteMany({ where: { cloudId } });
      break;
  }
  await markResource(row.id, 'deleted');
  return 'deleted';
}

// ---- Node cleanup, phase by phase ---------------------------------------------------------------

export interface StepOutput {
  [key: string]: number | string[];
}

/** The planned deletion's cloud id: through its ledger row, or a tracked DNS record's own id. */
async function resolvePlanned(ctx: CleanupContext, r: PlannedDeletion): Promise<string | null> {
  if (r.ledgerId) {
    const row = await db.cloudResource.findUnique({ where: { id: r.ledgerId } });
    return row ? resolveCloudId(row, ctx.cloud) : null;
  }
  if (r.cloudId) return r.cloudId;
  // A DNS record only tracked, without its id: the one with exactly the tracked rdata.
  const name = r.recordName ?? r.name;
  const matches = await ctx.cloud.dns.listResourceRecords({ type: r.recordType, name });
  const want = (r.rdata ?? '').toLowerCase().replace(/\.$/, '');
  const hit = matches.find((m) => m.name.toLowerCase() === name.toLowerCase() && recordValue(m).toLowerCase().replace(/\.$/, '') === want);
  return hit?.id ?? null;
}

async function serverStatus(ctx: CleanupContext, id: string): Promise<string | null> {
  try {
    return (await ctx.cloud.vpc.getBareMetalServer(id)).status;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

const STOPPED = new Set(['stopped', 'failed', 'deleting']);

/** Hard-stops a running server and waits until it is off (or gone); starting states are waited out. */
export function waitServerStopped(ctx: CleanupContext, id: string, name: string) {
  return waitUntil(ctx, `server ${name} stopped`, async () => {
    const status = await serverStatus(ctx, id);
    if (status === null || STOPPED.has(status)) return true;
    if (status === 'running') await ctx.cloud.vpc.stopBareMetalServer(id, 'hard');
    return false;
  });
}

/** Delete is asynchronous: IBM answers at once, the server goes `deleting`, then 404. */
export function requestServerDelete(ctx: CleanupContext, id: string, name: string) {
  return waitUntil(ctx, `server ${name} delete accepted`, async () => {
    await ctx.cloud.vpc.deleteBareMetalServer(id);
    return true;
  });
}

export function waitServerGone(ctx: CleanupContext, id: string, name: string) {
  return waitUntil(ctx, `server ${name} gone`, async () => (await serverStatus(ctx, id)) === null);
}

/** Deletes a resource whose delete IBM may refuse with 409 for a while (still attached). */
export function deleteWhenFree(ctx: CleanupContext, what: string, del: () => Promise<unknown>) {
  return waitUntil(ctx, what, async () => {
    await del();
    return true;
  });
}

/** Powers each server off (hard stop); waits out starting/restarting states; gone counts as done. */
export async function stopServers(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { servers } = await planNodeCleanup(nodeId);
  const stopped: string[] = [];
  for (const r of servers) {
    const id = await resolvePlanned(ctx, r);
    if (!id) {
      await markResource(r.ledgerId, 'deleted');
      continue;
    }
    await waitServerStopped(ctx, id, r.name);
    stopped.push(r.name);
  }
  return { stopped };
}

/** Asks IBM to delete each server (asynchronous: it goes `deleting`, then 404). */
export async function deleteServers(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { servers } = await planNodeCleanup(nodeId);
  const requested: string[] = [];
  for (const r of servers) {
    const id = await resolvePlanned(ctx, r);
    if (!id) {
      await markResource(r.ledgerId, 'deleted');
      continue;
    }
    await requestServerDelete(ctx, id, r.name);
    await markResource(r.ledgerId, 'deleting', id);
    requested.push(r.name);
  }
  return { requested };
}

/** Waits until every server answers 404; only then are its VNIs free to delete. */
export async function waitServersGone(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { servers } = await planNodeCleanup(nodeId);
  const gone: string[] = [];
  for (const r of servers) {
    const id = await resolvePlanned(ctx, r);
    if (id) await waitServerGone(ctx, id, r.name);
    await markResource(r.ledgerId, 'deleted');
    gone.push(r.name);
  }
  return { gone };
}

export async function deleteVnis(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { vnis } = await planNodeCleanup(nodeId);
  const deleted: string[] = [];
  for (const r of vnis) {
    const id = await resolvePlanned(ctx, r);
    if (id) {
      // 409 while the server still detaches it: waited out.
      await deleteWhenFree(ctx, `VNI ${r.name} deleted`, () => ctx.cloud.vpc.deleteVirtualNetworkInterface(id));
    }
    await markResource(r.ledgerId, 'deleted');
    deleted.push(r.name);
  }
  return { deleted };
}

/** A reserved IP without a subnet cannot be found or released: refused (resolveCloudId) rather than forgotten. */
export async function releaseReservedIps(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { reservedIps } = await planNodeCleanup(nodeId);
  const released: string[] = [];
  for (const r of reservedIps) {
    const id = await resolvePlanned(ctx, r);
    if (id) {
      const subnetId = r.subnetId!;
      await deleteWhenFree(ctx, `reserved IP ${r.name} released`, () => ctx.cloud.vpc.releaseIp(subnetId, id));
    }
    await markResource(r.ledgerId, 'deleted');
    if (r.address) {
      await db.ipAllocation.updateMany({ where: { nodeId, address: r.address, releasedAt: null }, data: { releasedAt: new Date() } });
    }
    released.push(r.address ?? r.name);
  }
  return { released };
}

/** PTR records first (a PTR needs its A record), then A records; forgets the tracked rows. */
export async function deleteDnsRecords(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { dnsRecords } = await planNodeCleanup(nodeId);
  const deleted: string[] = [];
  for (const r of dnsRecords) {
    const id = await resolvePlanned(ctx, r);
    if (id) {
      await deleteWhenFree(ctx, `DNS record ${r.name} deleted`, () => ctx.cloud.dns.deleteResourceRecord(id));
    }
    await markResource(r.ledgerId, 'deleted');
    if (r.dnsRecordId) await db.dnsRecord.deleteMany({ where: { id: r.dnsRecordId } });
    if (id) await db.dnsRecord.deleteMany({ where: { cloudId: id, nodeId } });
    deleted.push(`${r.recordType} ${r.recordName ?? r.name}`);
  }
  return { deleted };
}

// ---- The admin's way out ------------------------------------------------------------------------

/** Is the row's object still in the cloud? Looked up by its id, or (never recorded) by name and proof. */
async function stillInCloud(row: CloudResource, cloud: CloudClient): Promise<string | null> {
  const gone = (err: unknown) => {
    if (isNotFound(err)) return null;
    throw err;
  };
  if (!row.cloudId) return resolveCloudId(row, cloud);
  switch (row.kind) {
    case 'bare_metal_server':
      return (await cloud.vpc.getBareMetalServer(row.cloudId).catch(gone))?.id ?? null;
    case 'vni':
      return (await cloud.vpc.getVirtualNetworkInterface(row.cloudId).catch(gone))?.id ?? null;
    case 'reserved_ip': {
      if (!row.subnetId) {
        throw new ResourceConflictError(`Reserved IP ${row.name} has no subnet recorded, so its absence cannot be confirmed; release it by hand in IBM Cloud first`, row.name);
      }
      return (await cloud.vpc.getReservedIp(row.subnetId, row.cloudId).catch(gone))?.id ?? null;
    }
    case 'dns_record':
      return (await cloud.dns.getResourceRecord(row.cloudId).catch(gone))?.id ?? null;
    default:
      return null;
  }
}

/**
 * Releases one live ledger row whose cloud object is confirmed gone (a cleanup that failed for
 * good after the operator removed the resource by hand). Refused (409) while the object still
 * exists: then the way out is to retry the cleanup. Returns the row before and after.
 */
export async function releaseLedgerRow(id: string, cloud: CloudClient) {
  const row = await db.cloudResource.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Ledger row ${id} does not exist`);
  if (row.state === 'deleted') throw new ConflictError(`Ledger row ${id} (${row.kind} ${row.name}) is already released`);
  const present = await stillInCloud(row, cloud);
  if (present) {
    throw new ConflictError(`${kindLabel(row.kind)} ${row.name} still exists in the cloud (${present}); retry the cleanup of its owner to delete it`);
  }
  await markResource(row.id, 'deleted');
  if (row.kind === 'dns_record' && row.cloudId) await db.dnsRecord.deleteMany({ where: { cloudId: row.cloudId } });
  const summary = (r: CloudResource) => ({ id: r.id, kind: r.kind, name: r.name, cloudId: r.cloudId, state: r.state, nodeId: r.nodeId, clusterId: r.clusterId });
  return { before: summary(row), after: summary(await db.cloudResource.findUniqueOrThrow({ where: { id } })) };
}
