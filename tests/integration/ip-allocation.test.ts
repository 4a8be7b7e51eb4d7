import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { allocateAddress, AddressPoolExhaustedError, nextFreeAddress, releaseAddresses } from '@/lib/provisioning/ip-allocation';
import { resetDatabase } from '../helpers/db';

const mgmt = { subnetId: 'subnet-mgmt', cidr: '10.240.0.0/24' };
const workload = { subnetId: 'subnet-workload', cidr: '10.240.1.0/24' };

async function nodes(count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => db.node.create({ data: { name: `n${i + 1}`, serverProfile: 'cx3d-metal-48x128' } })),
  );
}

describe('IP allocation', () => {
  beforeEach(resetDatabase);

  it('gives 20 concurrent provisions 20 distinct address sets from the configured ranges', async () => {
    const all = await nodes(20);
    const sets = await Promise.all(
      all.map(async (node) => ({
        management: await allocateAddress({ ...mgmt, range: { first: 10, last: 50 } }, 'management', { nodeId: node.id }),
        ahv: await allocateAddress({ ...mgmt, range: { first: 51, last: 100 } }, 'ahv', { nodeId: node.id }),
        cvm: await allocateAddress({ ...mgmt, range: { first: 101, last: 150 } }, 'cvm', { nodeId: node.id }),
        workload: await allocateAddress({ ...workload, range: { first: 10, last: 200 } }, 'workload', { nodeId: node.id }),
      })),
    );
    const managementSubnet = sets.flatMap((s) => [s.management, s.ahv, s.cvm]);
    expect(new Set(managementSubnet).size).toBe(60);
    expect(new Set(sets.map((s) => s.workload)).size).toBe(20);
    for (const s of sets) {
      expect(Number(s.management.split('.')[3])).toBeGreaterThanOrEqual(10);
      expect(Number(s.management.split('.')[3])).toBeLessThanOrEqual(50);
      expect(Number(s.ahv.split('.')[3])).toBeGreaterThanOrEqual(51);
      expect(Number(s.cvm.split('.')[3])).toBeGreaterThanOrEqual(101);
    }
  });

  it('returns the same address when a resumed step asks again', async () => {
    const [node] = await nodes(1);
    const pool = { ...mgmt, range: { first: 10, last: 50 } };
    const first = await allocateAddress(pool, 'management', { nodeId: node.id });
    expect(await allocateAddress(pool, 'management', { nodeId: node.id })).toBe(first);
    expect(await db.ipAllocation.count()).toBe(1);
  });

  it('skips addresses the cloud already reserved for someone else', async () => {
    const [node] = await nodes(1);
    const pool = { ...mgmt, range: { first: 10, last: 50 }, unavailable: ['10.240.0.10', '10.240.0.11'] };
    expect(await nextFreeAddress(pool)).toBe('10.240.0.12');
    expect(await allocateAddress(pool, 'management', { nodeId: node.id })).toBe('10.240.0.12');
  });

  it('reuses an address once it has been released', async () => {
    const [a, b] = await nodes(2);
    const pool = { ...mgmt, range: { first: 10, last: 10 } };
    expect(await allocateAddress(pool, 'management', { nodeId: a.id })).toBe('10.240.0.10');
    await expect(allocateAddress(pool, 'management', { nodeId: b.id })).rejects.toBeInstanceOf(AddressPoolExhaustedError);
    expect(await releaseAddresses({ nodeId: a.id })).toBe(1);
    expect(await allocateAddress(pool, 'management', { nodeId: b.id })).toBe('10.240.0.10');
  });
});
