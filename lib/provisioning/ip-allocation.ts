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

async function liveAddresses(subnetId: string): Promise<Set<string>> {
  const rows = await db.ipAllocation.findMany({ where: { subnetId, releasedAt: null }, select: { address: true } });
  return new Set(rows.map((r) => r.address));
}

/** The first free address of the range, not yet allocated and not in `exclude` (used for plans). */
export async function nextFreeAddress(pool: SubnetRange, exclude: Iterable<string> = []): Promise<string | null> {
  const taken = await liveAddresses(pool.subnetId);
  for (const a of pool.unavailable ?? []) taken.add(a);
  for (const a of exclude) taken.add(a);
  return rangeAddresses(pool.cidr, pool.range).find((a) => !taken.has(a)) ?? null;
}

async function tryInsert(pool: SubnetRange, address: string, purpose: AddressPurpose, owner: AllocationOwner) {
  const rows = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "IpAllocation" ("subnetId", "address", "purpose", "nodeId", "clusterId")
    VALUES (${pool.subnetId}, ${address}, ${purpose}, ${owner.nodeId ?? null}, ${owner.clusterId ?? null})
    ON CONFLICT ("subnetId", "address") WHERE "releasedAt" IS NULL DO NOTHING
    RETURNING "id"`;
  return rows.length === 1;
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
  const unavailable = new Set(pool.unavailable ?? []);
  const candidates = rangeAddresses(pool.cidr, pool.range).filter((a) => !unavailable.has(a));
  let taken = await liveAddresses(pool.subnetId);
  for (const address of candidates) {
    if (taken.has(address)) continue;
    if (await tryInsert(pool, address, purpose, owner)) return address;
    // Lost a race for this address: refresh what is taken and keep going up the range.
    taken = await liveAddresses(pool.subnetId);
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
