import { db } from '@/lib/db/client';
import type { CloudClient } from '@/lib/ibmcloud/api';
import { logger } from '@/lib/log/logger';
import { getInstallationTag } from '@/lib/system/installation';
import { cloudRecordName } from '@/lib/dns/naming';
import { dnsRecordNameOf } from '../plan';
import { detectDrift, type FindingDraft } from './detect';
import { readInventory, type InventoryScope } from './inventory';

export interface ReconcileResult {
  checked: number;
  findings: number;
  opened: number;
  resolved: number;
  at: string;
}

const UNRESOLVED = ['open', 'acknowledged', 'cleaning'];

/** Upserts this run's findings by fingerprint and resolves the unresolved ones no longer seen. */
async function storeFindings(drafts: FindingDraft[], now: Date) {
  const unresolved = await db.driftFinding.findMany({ where: { status: { in: UNRESOLVED } } });
  const known = new Map(unresolved.map((f) => [f.fingerprint, f]));
  let opened = 0;
  for (const d of drafts) {
    const existing = known.get(d.fingerprint);
    if (existing) {
      await db.driftFinding.update({ where: { id: existing.id }, data: { lastSeenAt: now, detail: d.detail, nodeId: d.nodeId } });
      known.delete(d.fingerprint);
    } else {
      await db.driftFinding.create({ data: { ...d, firstSeenAt: now, lastSeenAt: now } });
      opened++;
    }
  }
  const gone = [...known.values()].map((f) => f.id);
  if (gone.length) await db.driftFinding.updateMany({ where: { id: { in: gone } }, data: { status: 'resolved', resolvedAt: now } });
  return { opened, resolved: gone.length };
}

/**
 * One reconciliation: read the cloud (what may be ours), the whole ledger history and tracked DNS records,
 * detect drift and store it. Run by the scheduled job and on demand.
 */
export async function reconcile(cloud: CloudClient, scope: InventoryScope, now = new Date()): Promise<ReconcileResult> {
  const items = await readInventory(cloud, scope, await getInstallationTag());
  const [ledger, dns] = await Promise.all([
    db.cloudResource.findMany({
      select: { id: true, kind: true, name: true, cloudId: true, state: true, nodeId: true, createdAt: true, details: true, node: { select: { status: true } } },
    }),
    db.dnsRecord.findMany({ select: { name: true, type: true, cloudId: true } }),
  ]);
  const drafts = detectDrift(
    items,
    ledger.map(({ node, details, ...e }) => ({
      ...e, nodeStatus: node?.status ?? null, recordName: e.kind === 'dns_record' ? dnsRecordNameOf({ name: e.name, details }) : undefined,
    })),
    dns.map((r) => ({ ...r, name: cloudRecordName(r, scope.zoneName) })),
    now,
  );
  const stored = await storeFindings(drafts, now);
  logger.info({ component: 'drift', checked: items.length, findings: drafts.length, ...stored }, 'drift reconciliation done');
  return { checked: items.length, findings: drafts.length, ...stored, at: now.toISOString() };
}
