import { db } from '@/lib/db/client';
import { cloudRecordName } from '@/lib/dns/naming';
import { planCleanup, type CleanupPlan, type LedgerEntry } from './plan';

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
  // A zone id is `<zone name>:<uuid>` (ibmcloud-api §6.1).
  return planCleanup(ledger, dns.map((r) => ({ ...r, recordName: cloudRecordName(r, r.zoneId.split(':')[0]) })));
}

export async function markLedger(id: string | null, state: 'deleting' | 'deleted', cloudId?: string) {
  if (!id) return;
  await db.cloudResource.update({
    where: { id },
    data: { state, ...(cloudId ? { cloudId } : {}), ...(state === 'deleted' ? { deletedAt: new Date() } : {}) },
  });
}
