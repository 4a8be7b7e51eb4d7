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

/** The candidates (in order) that no live allocation holds: the first `limit` of them, chosen in the database. */
const freeCandidates = (subnetId: string, candidates: string[], limit: number) => db.$queryRaw<{ address: string }[]>`
  SELECT c."address" FROM unnest(${candidates}::text[]) WITH ORDINALITY AS c("address", "n")
  WHERE NOT EXISTS (SELECT 1 FROM "IpAllocation" a WHERE a."subnetId" = ${subnetId} AND a."address" = c."address" AND a."releasedAt" IS NULL)
  ORDER BY c."n" LIMIT ${limit}`;

/** The range's addresses minus those the cloud holds for someone else and `exclude`, lowest first. */
function candidatesOf(pool: SubnetRange, exclude: Iterable<string> = []): string[] {
  const unavailable = new Set([...(pool.unavailable ?? []), ...exclude]);
  return rangeAddresses(pool.cidr, pool.range).filter((a) => !unavailable.has(a));
}

/** The first free address of the range, not yet allocated and not in `exclude` (used for plans). */
export async function nextFreeAddress(pool: SubnetRange, exclude: Iterable<string> = []): Promise<string | null> {
  const [free] = await freeCandidates(pool.subnetId, candidatesOf(pool, exclude), 1);
  return free?.address ?? null;
}

/**
 * Allocates the first candidate no live allocation holds, in one statement (the database looks
 * each candidate up in the live-address index instead of the app reading every live address).
 * Null when none was inserted: none free, or another allocation took the chosen one first.
 */
async function insertFirstFree(pool: SubnetRange, candidates: string[], purpose: AddressPurpose, owner: AllocationOwner): Promise<string | null> {
  const rows = await db.$queryRaw<{ address: string }[]>`
    INSERT INTO "IpAllocation" ("subnetId", "address", "purpose", "nodeId", "clusterId")
    SELECT ${pool.subnetId}, c."address", ${purpose}, ${owner.nodeId ?? null}, ${owner.clusterId ?? null}
    FROM unnest(${candidates}::text[]) WITH ORDINALITY AS c("address", "n")
    WHERE NOT EXISTS (SELECT 1 FROM "IpAllocation" a WHERE a."subnetId" = ${pool.subnetId} AND a."address" = c."address" AND a."releasedAt" IS NULL)
    ORDER BY c."n" LIMIT 1
    ON CONFLICT ("subnetId", "address") WHERE "releasedAt" IS NULL DO NOTHING
    RETURNING "address"`;
  return rows[0]?.address ?? null;
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
    const address = await insertFirstFree(pool, candidates, purpose, owner);
    if (address) return address;
    // Lost a race for that address (the winner has committed by now: the next look sees it), or none is left.
    if ((await freeCandidates(pool.subnetId, candidates, 1)).length === 0) break;
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
