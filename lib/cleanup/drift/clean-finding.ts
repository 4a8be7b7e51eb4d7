import { db } from '@/lib/db/client';
import { CloudError } from '@/lib/ibmcloud/errors';
import { ConflictError } from '@/lib/errors';
import type { CleanupContext } from '../context';
import { startNodeCleanup, type EnqueueCleanup } from '../start';
import { deleteWhenFree, requestServerDelete, waitServerGone, waitServerStopped } from '@/lib/ledger/teardown';
import { CleanupTimeoutError } from '../wait';
import { getFinding, toFindingView, type FindingView } from './findings';

export type EnqueueFindingCleanup = (findingId: number) => Promise<unknown>;

export interface FindingCleanupDeps {
  enqueueFinding: EnqueueFindingCleanup;
  enqueueNode: EnqueueCleanup;
}

/**
 * Acts on a finding. An orphan is deleted from the cloud by a job (a server takes minutes to go);
 * a vanished ledger entry is closed (the object is already gone); a server in an unexpected state
 * gets its node cleaned up through the normal ledger-driven cleanup.
 */
export async function startFindingCleanup(id: number, requestedBy: string, deps: FindingCleanupDeps): Promise<FindingView> {
  const f = await getFinding(id);
  if (f.status === 'resolved') throw new ConflictError(`Drift finding ${id} is already resolved`);
  if (f.status === 'cleaning') return toFindingView(f);
  if (f.kind === 'foreign') {
    throw new ConflictError(`${f.resourceKind} ${f.name} is named like ours but was not created by this installation (no tag, no ledger history); it is never deleted here`);
  }
  if (f.kind === 'vanished') {
    if (f.cloudResourceId) {
      await db.cloudResource.updateMany({ where: { id: f.cloudResourceId, state: { not: 'deleted' } }, data: { state: 'deleted', deletedAt: new Date() } });
    }
    return toFindingView(await db.driftFinding.update({ where: { id }, data: { status: 'resolved', resolvedAt: new Date() } }));
  }
  if (f.kind === 'unexpected_state') {
    if (f.nodeId === null) throw new ConflictError(`Drift finding ${id} names no node to clean up`);
    await startNodeCleanup(f.nodeId, requestedBy, deps.enqueueNode);
    return toFindingView(await db.driftFinding.update({ where: { id }, data: { status: 'cleaning' } }));
  }
  const updated = await db.driftFinding.update({ where: { id }, data: { status: 'cleaning', lastError: null } });
  await deps.enqueueFinding(id);
  return toFindingView(updated);
}

async function deleteOrphan(ctx: CleanupContext, f: { resourceKind: string; cloudId: string | null; subnetId: string | null; name: string }) {
  const id = f.cloudId;
  if (!id) return;
  switch (f.resourceKind) {
    case 'bare_metal_server':
      await waitServerStopped(ctx, id, f.name);
      await requestServerDelete(ctx, id, f.name);
      await waitServerGone(ctx, id, f.name);
      return;
    case 'vni':
      await deleteWhenFree(ctx, `VNI ${f.name} deleted`, () => ctx.cloud.vpc.deleteVirtualNetworkInterface(id));
      return;
    case 'reserved_ip':
      if (f.subnetId) await deleteWhenFree(ctx, `reserved IP ${f.name} released`, () => ctx.cloud.vpc.releaseIp(f.subnetId!, id));
      return;
    case 'dns_record':
      await deleteWhenFree(ctx, `DNS record ${f.name} deleted`, () => ctx.cloud.dns.deleteResourceRecord(id));
      return;
  }
}

/** The job: deletes an orphan (already gone counts as done) and resolves its finding. */
export async function runFindingCleanup(id: number, ctx: CleanupContext): Promise<'resolved' | 'failed' | 'skipped'> {
  const f = await db.driftFinding.findUnique({ where: { id } });
  if (!f || f.status !== 'cleaning' || f.kind !== 'orphan') return 'skipped';
  try {
    await deleteOrphan(ctx, f);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const transient = (err instanceof CloudError && err.retryable) || err instanceof CleanupTimeoutError;
    await db.driftFinding.update({ where: { id }, data: { lastError: message, ...(transient ? {} : { status: 'open' }) } });
    if (transient) throw err;
    return 'failed';
  }
  await db.driftFinding.update({ where: { id }, data: { status: 'resolved', resolvedAt: new Date(), lastError: null } });
  return 'resolved';
}
