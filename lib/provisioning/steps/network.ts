import { db } from '@/lib/db/client';
import { NODE_ADDRESS_PURPOSES, type NodeAddressPurpose } from '@/lib/dns/naming';
import { isAddressTaken, nodeVniPrototype } from '@/lib/ibmcloud';
import { PermanentStepError, done, type StepContext, type StepDefinition } from '../context';
import { allocateAddress, releaseAddress } from '../ip-allocation';
import { ensureResource, fromReservedIp, fromVni, liveResource, markResource } from '@/lib/ledger/ledger';
import { nodeResourceNames } from '../names';
import { nodePools } from '../pools';
import { findProfile } from '../profiles';

const NODE_IP_COLUMN: Record<NodeAddressPurpose, 'managementIp' | 'ahvIp' | 'cvmIp' | 'workloadIp'> = {
  management: 'managementIp',
  ahv: 'ahvIp',
  cvm: 'cvmIp',
  workload: 'workloadIp',
};

export function workloadSubnetOf(ctx: StepContext): string {
  const network = (ctx.node.networkConfig ?? {}) as { workload_subnets?: string[] };
  return network.workload_subnets?.[0] ?? ctx.settings.workloadSubnetId;
}

export function namesOf(ctx: StepContext) {
  return nodeResourceNames(ctx.config.RESOURCE_PREFIX, ctx.node.name);
}

/** Re-checks what a queued request assumed: the profile is known, the subnets exist. */
export const validateStep: StepDefinition = {
  name: 'validate',
  async run(ctx) {
    if (!findProfile(ctx.node.serverProfile)) throw new PermanentStepError(`unknown server profile ${ctx.node.serverProfile}`);
    const [managementCidr, workloadCidr] = await Promise.all([
      ctx.cloud.vpc.subnetCidr(ctx.settings.managementSubnetId),
      ctx.cloud.vpc.subnetCidr(workloadSubnetOf(ctx)),
    ]);
    return done({ managementCidr, workloadCidr });
  },
};

/**
 * Every promise settled, then the first failure thrown: work of a step that runs side by side
 * never outlives the run that started it (a retry must not race a create still in flight).
 */
async function allSettledOrThrow<T>(work: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/**
 * Picks the four addresses (database-unique, one after another), then reserves them in their
 * subnets side by side: with hundreds of provisions queued, a first run's length is how long the
 * next one waits for a job loop.
 */
export const allocateIpsStep: StepDefinition = {
  name: 'allocate_ips',
  async run(ctx) {
    const names = namesOf(ctx);
    const ownNames = new Set(NODE_ADDRESS_PURPOSES.map((p) => names.reservedIp(p)));
    // The first attempt may plan from a listing seconds old (the POST's); a retry lists afresh.
    const pools = await nodePools(ctx, { workloadSubnetId: workloadSubnetOf(ctx), ownNames, fresh: ctx.step.attempts > 1 });
    const chosen: { purpose: NodeAddressPurpose; address: string }[] = [];
    for (const purpose of NODE_ADDRESS_PURPOSES) chosen.push({ purpose, address: await allocateAddress(pools[purpose], purpose, { nodeId: ctx.node.id }) });
    await db.node.update({ where: { id: ctx.node.id }, data: Object.fromEntries(chosen.map((c) => [NODE_IP_COLUMN[c.purpose], c.address])) });
    const reserve = async ({ purpose, address }: (typeof chosen)[number]) => {
      const pool = pools[purpose];
      const name = names.reservedIp(purpose);
      const reservedIpId = await ensureResource(
        { kind: 'reserved_ip', name, nodeId: ctx.node.id, deploymentId: ctx.deployment.id, subnetId: pool.subnetId, address },
        async () => fromReservedIp(pool.subnetId, await ctx.cloud.vpc.reserveIp(pool.subnetId, { name, address, auto_delete: false })),
        ctx.cloud,
        // The subnet was listed (every page) for the pools a moment ago: no second listing per address.
        pool.reserved.filter((ip) => ip.name === name).map((ip) => fromReservedIp(pool.subnetId, ip)),
      ).catch(async (err) => {
        if (!isAddressTaken(err)) throw err;
        // Reserved by someone else since the listing: the refused create's ledger row and the
        // allocation go (nothing of ours was made), the next attempt lists afresh and chooses
        // another. A reservation of ours by that name (a lost answer) is adopted instead.
        if (!(await ctx.cloud.vpc.findReservedIpByName(pool.subnetId, name))) {
          const row = await liveResource('reserved_ip', name);
          if (row && !row.cloudId && row.nodeId === ctx.node.id) await markResource(row.id, 'deleted');
          await releaseAddress(ctx.node.id, pool.subnetId, address);
        }
        throw new Error(`${address} in subnet ${pool.subnetId} was reserved by someone else after it was chosen; choosing another`);
      });
      return [purpose, { address, reservedIpId, subnetId: pool.subnetId }] as const;
    };
    return done(Object.fromEntries(await allSettledOrThrow(chosen.map(reserve))));
  },
};

type AllocationOutput = Record<NodeAddressPurpose, { address: string; reservedIpId: string; subnetId: string }>;

export async function allocationOf(ctx: StepContext): Promise<AllocationOutput> {
  const step = await db.deploymentStep.findUnique({ where: { deploymentId_name: { deploymentId: ctx.deployment.id, name: 'allocate_ips' } } });
  if (!step?.output) throw new Error('allocate_ips has no output');
  return step.output as unknown as AllocationOutput;
}

/**
 * The management VNI carries the management IP as primary and the AHV and CVM IPs as secondary
 * addresses (the CVM sends from its own IP, so spoofing is allowed on it); the workload VNI
 * carries the workload IP. Both are standalone so that they outlive a server rebuild.
 */
export const createVnisStep: StepDefinition = {
  name: 'create_vnis',
  async run(ctx) {
    const names = namesOf(ctx);
    const ips = await allocationOf(ctx);
    const s = ctx.settings;
    const vni = (name: string, subnetId: string, primary: string, extra: string[], groups: string[], spoofing: boolean) =>
      ensureResource(
        { kind: 'vni', name, nodeId: ctx.node.id, deploymentId: ctx.deployment.id, subnetId, expect: { primaryIpId: primary } },
        async () =>
          fromVni(await ctx.cloud.vpc.createVirtualNetworkInterface(nodeVniPrototype({
            name,
            subnetId,
            primaryIpId: primary,
            extraIpIds: extra,
            securityGroupIds: groups,
            allowIpSpoofing: spoofing,
            resourceGroupId: s.resourceGroupId,
          }))),
        ctx.cloud,
      );
    const [managementVniId, workloadVniId] = await allSettledOrThrow([
      vni(
        names.managementVni,
        ips.management.subnetId,
        ips.management.reservedIpId,
        [ips.ahv.reservedIpId, ips.cvm.reservedIpId],
        [s.managementSecurityGroupId, s.intraNodeSecurityGroupId],
        true,
      ),
      vni(names.workloadVni, ips.workload.subnetId, ips.workload.reservedIpId, [], [s.workloadSecurityGroupId], false),
    ]);
    await db.node.update({ where: { id: ctx.node.id }, data: { managementVniId, workloadVniId } });
    return done({ managementVniId, workloadVniId });
  },
};
