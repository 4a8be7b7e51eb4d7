import { db, type Prisma } from '@/lib/db/client';
import type { CloudResource } from '@/lib/db/generated/client';
import type { CloudClient } from '@/lib/ibmcloud';
import { getInstallationTag } from '@/lib/system/installation';

/**
 * The CloudResource ledger. Intent is written *before* a create call with the deterministic name,
 * so a crash between the call and the bookkeeping leaves a row that a resumed step (or cleanup)
 * resolves by looking the name up in the cloud: nothing leaks, nothing is created twice.
 */
export type ResourceKind = 'reserved_ip' | 'vni' | 'bare_metal_server' | 'dns_record';

export interface ResourceIntent {
  kind: ResourceKind;
  name: string;
  nodeId?: number;
  clusterId?: number;
  deploymentId?: string;
  subnetId?: string;
  address?: string;
  details?: Prisma.InputJsonValue;
}

export function liveResource(kind: ResourceKind, name: string) {
  return db.cloudResource.findFirst({ where: { kind, name, state: { not: 'deleted' } } });
}

async function recordIntent(intent: ResourceIntent): Promise<CloudResource> {
  const existing = await liveResource(intent.kind, intent.name);
  if (existing) return existing;
  // The partial unique index (kind, name WHERE state <> 'deleted') settles a race between workers.
  await db.$executeRaw`
    INSERT INTO "CloudResource" ("id", "kind", "name", "state", "subnetId", "address", "details", "nodeId", "clusterId", "deploymentId", "updatedAt")
    VALUES (gen_random_uuid()::text, ${intent.kind}, ${intent.name}, 'intent', ${intent.subnetId ?? null}, ${intent.address ?? null},
            ${intent.details === undefined ? null : JSON.stringify(intent.details)}::jsonb, ${intent.nodeId ?? null}, ${intent.clusterId ?? null},
            ${intent.deploymentId ?? null}, now())
    ON CONFLICT ("kind", "name") WHERE "state" <> 'deleted' DO NOTHING`;
  const row = await liveResource(intent.kind, intent.name);
  if (!row) throw new Error(`ledger row ${intent.kind}/${intent.name} vanished`);
  return row;
}

/**
 * Makes sure the named resource exists in the cloud and in the ledger; returns its cloud id.
 * `find` looks it up by name (resume after a crash), `create` makes it (idempotent by name too).
 */
export async function ensureResource(
  intent: ResourceIntent,
  find: () => Promise<{ id: string } | null>,
  create: () => Promise<{ id: string }>,
): Promise<string> {
  const row = await recordIntent(intent);
  if (row.state === 'created' && row.cloudId) return row.cloudId;
  const resource = (await find()) ?? (await create());
  await db.cloudResource.update({ where: { id: row.id }, data: { state: 'created', cloudId: resource.id, address: intent.address } });
  return resource.id;
}

/** Creation order of a node's resources; teardown walks it backwards. */
const CREATION_ORDER: ResourceKind[] = ['reserved_ip', 'vni', 'dns_record', 'bare_metal_server'];

function creationRank(row: CloudResource): number {
  // A PTR is created after (and must be deleted before) its A record.
  const ptr = row.kind === 'dns_record' && row.name.endsWith('-ptr') ? 0.5 : 0;
  return CREATION_ORDER.indexOf(row.kind as ResourceKind) + ptr;
}

/** Live ledger rows of a deployment (or a node) in the order to delete them: reverse creation. */
export async function ledgerForTeardown(where: { deploymentId?: string; nodeId?: number; clusterId?: number }) {
  const rows = await db.cloudResource.findMany({ where: { ...where, state: { not: 'deleted' } }, orderBy: { createdAt: 'desc' } });
  return rows.sort((a, b) => creationRank(b) - creationRank(a) || b.createdAt.getTime() - a.createdAt.getTime());
}

export function markResource(id: string, state: 'deleting' | 'deleted' | 'failed') {
  return db.cloudResource.update({ where: { id }, data: { state, deletedAt: state === 'deleted' ? new Date() : undefined } });
}

/** Attaches our installation tag to a server or VNI we just created; returns it for chaining. */
export async function tagAsOurs<T extends { crn: string }>(cloud: CloudClient, resource: T): Promise<T> {
  await cloud.tags.attachTags([resource.crn], [await getInstallationTag()]);
  return resource;
}
