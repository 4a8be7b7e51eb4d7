import { db, type Prisma } from '@/lib/db/client';

/**
 * The cloud-resource ledger entries of a cluster. An entry is written (state `intent`) before the
 * cloud call and completed after it, so a crash between the two leaves a trace cleanup can follow.
 */
export async function ledgerIntent(entry: { kind: string; name: string; clusterId: number; deploymentId?: string; subnetId?: string; address?: string; details?: Prisma.InputJsonValue }) {
  const live = await db.cloudResource.findFirst({ where: { kind: entry.kind, name: entry.name, state: { not: 'deleted' } } });
  if (live) return live;
  return db.cloudResource.create({ data: { ...entry, state: 'intent' } });
}

export function ledgerCreated(id: string, cloudId: string, address?: string) {
  return db.cloudResource.update({ where: { id }, data: { cloudId, state: 'created', ...(address && { address }) } });
}

export function ledgerDeleted(id: string) {
  return db.cloudResource.update({ where: { id }, data: { state: 'deleted', deletedAt: new Date() } });
}

export function liveClusterResources(clusterId: number, kind: string) {
  return db.cloudResource.findMany({ where: { clusterId, kind, state: { not: 'deleted' } }, orderBy: { createdAt: 'desc' } });
}
