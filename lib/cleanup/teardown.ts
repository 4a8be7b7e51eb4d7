import { db } from '@/lib/db/client';
import type { CleanupContext } from './context';
import { markLedger, planNodeCleanup } from './ledger';
import type { PlannedDeletion } from './plan';
import { isNotFound, waitUntil } from './wait';

export interface StepOutput {
  [key: string]: number | string[];
}

/** The server's IBM id: the recorded one, or found by its deterministic name (a crash may have lost it). */
async function resolveServerId(ctx: CleanupContext, r: PlannedDeletion): Promise<string | null> {
  if (r.cloudId) return r.cloudId;
  const found = await ctx.cloud.vpc.findBareMetalServerByName(r.name);
  return found?.id ?? null;
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
    const id = await resolveServerId(ctx, r);
    if (!id) {
      await markLedger(r.ledgerId, 'deleted');
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
    const id = await resolveServerId(ctx, r);
    if (!id) {
      await markLedger(r.ledgerId, 'deleted');
      continue;
    }
    await requestServerDelete(ctx, id, r.name);
    await markLedger(r.ledgerId, 'deleting', id);
    requested.push(r.name);
  }
  return { requested };
}

/** Waits until every server answers 404; only then are its VNIs free to delete. */
export async function waitServersGone(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { servers } = await planNodeCleanup(nodeId);
  const gone: string[] = [];
  for (const r of servers) {
    const id = await resolveServerId(ctx, r);
    if (id) await waitServerGone(ctx, id, r.name);
    await markLedger(r.ledgerId, 'deleted');
    gone.push(r.name);
  }
  return { gone };
}

export async function deleteVnis(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { vnis } = await planNodeCleanup(nodeId);
  const deleted: string[] = [];
  for (const r of vnis) {
    const id = r.cloudId ?? (await ctx.cloud.vpc.findVirtualNetworkInterfaceByName(r.name))?.id;
    if (id) {
      // 409 while the server still detaches it: waited out.
      await deleteWhenFree(ctx, `VNI ${r.name} deleted`, () => ctx.cloud.vpc.deleteVirtualNetworkInterface(id));
    }
    await markLedger(r.ledgerId, 'deleted');
    deleted.push(r.name);
  }
  return { deleted };
}

export async function releaseReservedIps(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { reservedIps } = await planNodeCleanup(nodeId);
  const released: string[] = [];
  for (const r of reservedIps) {
    if (r.subnetId) {
      const subnetId = r.subnetId;
      const id = r.cloudId ?? (await ctx.cloud.vpc.findReservedIpByName(subnetId, r.name))?.id;
      if (id) {
        await deleteWhenFree(ctx, `reserved IP ${r.name} released`, () => ctx.cloud.vpc.releaseIp(subnetId, id));
      }
    }
    await markLedger(r.ledgerId, 'deleted');
    if (r.address) {
      await db.ipAllocation.updateMany({ where: { nodeId, address: r.address, releasedAt: null }, data: { releasedAt: new Date() } });
    }
    released.push(r.address ?? r.name);
  }
  return { released };
}

async function findRecordId(ctx: CleanupContext, r: PlannedDeletion): Promise<string | null> {
  if (r.cloudId) return r.cloudId;
  const name = r.recordName ?? r.name;
  const matches = await ctx.cloud.dns.listResourceRecords({ type: r.recordType, name });
  return matches.find((m) => m.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}

/** PTR records first (a PTR needs its A record), then A records; forgets the tracked rows. */
export async function deleteDnsRecords(ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const { dnsRecords } = await planNodeCleanup(nodeId);
  const deleted: string[] = [];
  for (const r of dnsRecords) {
    const id = await findRecordId(ctx, r);
    if (id) {
      await deleteWhenFree(ctx, `DNS record ${r.name} deleted`, () => ctx.cloud.dns.deleteResourceRecord(id));
    }
    await markLedger(r.ledgerId, 'deleted');
    if (r.dnsRecordId) await db.dnsRecord.deleteMany({ where: { id: r.dnsRecordId } });
    if (id) await db.dnsRecord.deleteMany({ where: { cloudId: id } });
    deleted.push(`${r.recordType} ${r.recordName ?? r.name}`);
  }
  return { deleted };
}
