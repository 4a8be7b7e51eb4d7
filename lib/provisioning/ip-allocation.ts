import { db } from '@/lib/db/client';
import { ConflictError } from '@/lib/errors';
import { rangeAddresses } from './addresses';

/**
 * Hands out addresses so that no two live allocations share one, even when many provisions run
 * at once in many processes: the partial unique index IpAllocation_live_address_key
 * (subnetId, address WHERE releasedAt IS NULL) decides, and a loser simply tries the next address.
 */

export type AddressPurpose = 'management' | 'ahv' | 'cvm' | 'workload' | 'cluster' | 'data_services';

export interface SubnetRange {
  subnetId: string;
  cidr: string;
  range: { first: number; last: number };
  /** Addresses already reserved in the cloud by someone else (the subnet's reserved-IP list). */
  unavailable?: Iterable<string>;
}

export interface AllocationOwner {
  nodeId?: number;
  clusterId?: number;
}

export class AddressPoolExhaustedError extends ConflictError {
  constructor(purpose: string, subnetId: string) {
    super(`No free ${purpose} address left in the configured range of subnet ${subnetId}`, { purpose, subnetId });
  }
}

/** The range's addresses minus those the cloud holds for someone else and `exclude`, lowest first. */
function candidatesOf(pool: SubnetRange, exclude: Iterable<string> = []): string[] {
  const unavailable = new Set([...(pool.unavailable ?? []), ...exclude]);
  return rangeAddresses(pool.cidr, pool.range).filter((a) => !unavailable.has(a));
}

/**
 * The first candidate no live allocation holds (`free`), looked up by PostgreSQL in the
 * live-address index, and with `allocateTo` also inserted for that owner in the same statement
 * (`allocated`; null when another allocation took it first: the winner has committed by then).
 */
async function firstFree(subnetId: string, candidates: string[], allocateTo?: { purpose: AddressPurpose; owner: AllocationOwner }) {
  const [row] = await db.$queryRaw<{ free: string; allocated: string | null }[]>`
    WITH free AS (
      SELECT c."address" FROM unnest(${candidates}::text[]) WITH ORDINALITY AS c("address", "n")
      WHERE NOT EXISTS (SELECT 1 FROM "IpAllocation" a WHERE a."subnetId" = ${subnetId} AND a."address" = c."address" AND a."releasedAt" IS NULL)
      ORDER BY c."n" LIMIT 1),
    inserted AS (
      INSERT INTO "IpAllocation" ("subnetId", "address", "purpose", "nodeId", "clusterId")
      SELECT ${subnetId}, "address", ${allocateTo?.purpose ?? null}, ${allocateTo?.owner.nodeId ?? null}, ${allocateTo?.owner.clusterId ?? null}
      FROM free WHERE ${allocateTo !== undefined}
      ON CONFLICT ("subnetId", "address") WHERE "releasedAt" IS NULL DO NOTHING
      RETURNING "address")
    SELECT free."address" AS "free", inserted."address" AS "allocated" FROM free LEFT JOIN inserted ON true`;
  return { free: row?.free ?? null, allocated: row?.allocated ?? null };
}

/** The first free address of the range, not yet allocated and not in `exclude` (used for plans). */
export async function nextFreeAddress(pool: SubnetRange, exclude: Iterable<string> = []): Promise<string | null> {
  return (await firstFree(pool.subnetId, candidatesOf(pool, exclude))).free;
}

/**
 * The owner's live address for `purpose` on that subnet, or a newly allocated one: the lowest
 * free host of the range. Idempotent, so a resumed workflow gets the same address back.
 */
export async function allocateAddress(pool: SubnetRange, purpose: AddressPurpose, owner: AllocationOwner): Promise<string> {
  const existing = await db.ipAllocation.findFirst({
    where: { subnetId: pool.subnetId, purpose, releasedAt: null, nodeId: owner.nodeId ?? null, clusterId: owner.clusterId ?? null },
    orderBy: { id: 'asc' },
  });
  if (existing) return existing.address;
  const candidates = candidatesOf(pool);
  // Each lost race is an address another allocation took: at most one per candidate.
  for (let tries = 0; tries <= candidates.length; tries++) {
    const { free, allocated } = await firstFree(pool.subnetId, candidates, { purpose, owner });
    if (allocated) return allocated;
    if (!free) break;
  }
  throw new AddressPoolExhaustedError(purpose, pool.subnetId);
}

/** Frees one live address of a node (someone else reserved it in the cloud first). */
export async function releaseAddress(nodeId: number, subnetId: string, address: string) {
  await db.ipAllocation.updateMany({ where: { nodeId, subnetId, address, releasedAt: null }, data: { releasedAt: new Date() } });
}

/** Frees every live address of the owner (after the cloud reservations are gone). */
export async function releaseAddresses(owner: AllocationOwner): Promise<number> {
  const where = owner.nodeId !== undefined ? { nodeId: owner.nodeId } : { clusterId: owner.clusterId };
  const result = await db.ipAllocation.updateMany({ where: { ...where, releasedAt: null }, data: { releasedAt: new Date() } });
  return result.count;
}

export function liveAllocations(owner: AllocationOwner) {
  const where = owner.nodeId !== undefined ? { nodeId: owner.nodeId } : { clusterId: owner.clusterId };
  return db.ipAllocation.findMany({ where: { ...where, releasedAt: null }, orderBy: { id: 'asc' } });
}
