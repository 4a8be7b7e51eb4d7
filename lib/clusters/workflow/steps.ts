import { db, type Prisma } from '@/lib/db/client';
import { recordEvent } from '@/lib/status/timeline';
import { allocateClusterAddresses } from '../addresses';
import { registerClusterDns } from '../dns';
import { FormationError } from '../former';
import { statusIs } from '@/lib/status/node-statuses';
import type { ClusterWorkflowDeps } from './deps';

export const CLUSTER_STEPS = ['wait_members', 'allocate_ips', 'form_cluster', 'register_dns'] as const;
export type ClusterStepName = (typeof CLUSTER_STEPS)[number];

export const STEP_LABELS: Record<ClusterStepName, string> = {
  wait_members: 'Wait for members to be deployed',
  allocate_ips: 'Allocate cluster IPs',
  form_cluster: 'Form the cluster',
  register_dns: 'Register cluster DNS records',
};

export type StepOutcome = { done: true; output?: Prisma.InputJsonValue } | { done: false; afterSeconds: number; message: string };

export interface StepContext {
  clusterId: number;
  deploymentId: string;
  /** When this step first started (for timeouts). */
  startedAt: Date;
  deps: ClusterWorkflowDeps;
}

/** A failure no retry will fix. */
export class PermanentStepError extends Error {}

async function cluster(id: number) {
  return db.cluster.findUniqueOrThrow({ where: { id }, include: { nodes: { orderBy: { id: 'asc' } } } });
}

async function waitMembers(ctx: StepContext): Promise<StepOutcome> {
  const { nodes } = await cluster(ctx.clusterId);
  if (nodes.length === 0) throw new PermanentStepError('the cluster has no member nodes');
  const broken = nodes.find((n) => !statusIs(n.status, 'usable'));
  if (broken) throw new PermanentStepError(`member ${broken.name} is ${broken.status}${broken.failureReason ? `: ${broken.failureReason}` : ''}`);
  const pending = nodes.filter((n) => n.status !== 'deployed');
  if (pending.length === 0) {
    const noCvm = nodes.find((n) => !n.cvmIp);
    if (noCvm) throw new PermanentStepError(`member ${noCvm.name} has no CVM IP`);
    return { done: true, output: { members: nodes.map((n) => n.name) } };
  }
  const list = pending.map((n) => `${n.name} (${n.status}${n.phase ? `, ${n.phase}` : ''})`).join(', ');
  const waited = (ctx.deps.now().getTime() - ctx.startedAt.getTime()) / 1000;
  if (waited > ctx.deps.memberTimeoutSeconds) {
    throw new PermanentStepError(`members not deployed within the member timeout: ${list}`);
  }
  return { done: false, afterSeconds: ctx.deps.pollSeconds, message: `waiting for ${pending.length} of ${nodes.length} members: ${list}` };
}

async function allocateIps(ctx: StepContext): Promise<StepOutcome> {
  const c = await cluster(ctx.clusterId);
  await db.cluster.update({ where: { id: c.id }, data: { status: 'forming' } });
  const addresses = await allocateClusterAddresses(c, ctx.deploymentId, ctx.deps.addresses);
  await db.cluster.update({ where: { id: c.id }, data: addresses });
  return { done: true, output: { ...addresses } };
}

async function formCluster(ctx: StepContext): Promise<StepOutcome> {
  const c = await cluster(ctx.clusterId);
  if (!c.clusterIp || !c.dataServicesIp) throw new PermanentStepError('the cluster IPs were not allocated');
  // `cluster create` is not repeatable: a formation of these members on these IPs that already
  // succeeded (an earlier run, before a later step failed) is recorded on its step and reused.
  const members = c.nodes.map((n) => n.name);
  const earlier = await db.deploymentStep.findFirst({
    where: { name: 'form_cluster', status: 'succeeded', deployment: { clusterId: c.id } },
    orderBy: { finishedAt: 'desc' },
  });
  const formed = earlier?.output as { clusterIp?: string; dataServicesIp?: string; members?: string[] } | null | undefined;
  if (formed && formed.clusterIp === c.clusterIp && formed.dataServicesIp === c.dataServicesIp && JSON.stringify(formed.members) === JSON.stringify(members)) {
    return { done: true, output: { ...formed, alreadyFormed: true, formedIn: earlier!.deploymentId } };
  }
  const dnsServers = c.dnsServers.length ? c.dnsServers : await ctx.deps.defaultDnsServers();
  if (!c.dnsServers.length) await db.cluster.update({ where: { id: c.id }, data: { dnsServers } });
  const attempt = await db.deploymentStep.count({ where: { name: 'form_cluster', attempts: { gt: 0 }, deployment: { clusterId: c.id } } });
  const memberEvent = (status: string, message: string) =>
    Promise.all(c.nodes.map((n) => recordEvent({ nodeId: n.id, clusterId: c.id, deploymentId: ctx.deploymentId, phase: 'cluster_formation', status, message, source: 'orchestrator', idempotencyKey: `cluster-member:${ctx.deploymentId}:${n.id}:${status}:${attempt}` })));
  await memberEvent('started', `forming cluster ${c.name} (${c.nodes.length} node${c.nodes.length > 1 ? 's' : ''}, RF${c.redundancyFactor})`);
  try {
    const result = await ctx.deps.former.form({
      clusterName: c.name,
      cvmIps: c.nodes.map((n) => n.cvmIp!),
      redundancyFactor: c.redundancyFactor,
      dnsServers,
      clusterIp: c.clusterIp,
      dataServicesIp: c.dataServicesIp,
      attempt: Math.max(1, attempt),
    });
    await memberEvent('completed', `member of cluster ${c.name}`);
    return { done: true, output: { former: ctx.deps.former.kind, output: result.output, clusterIp: c.clusterIp, dataServicesIp: c.dataServicesIp, members } };
  } catch (err) {
    if (err instanceof FormationError && !err.retryable) await memberEvent('failed', `cluster ${c.name}: ${err.message}`);
    throw err;
  }
}

async function registerDns(ctx: StepContext): Promise<StepOutcome> {
  const c = await cluster(ctx.clusterId);
  const records = await registerClusterDns({ id: c.id, name: c.name, clusterIp: c.clusterIp!, dataServicesIp: c.dataServicesIp! }, ctx.deploymentId, ctx.deps.dns);
  return { done: true, output: { records: records.map((r) => `${r.type} ${r.name} ${r.rdata}`) } };
}

export const STEP_RUNNERS: Record<ClusterStepName, (ctx: StepContext) => Promise<StepOutcome>> = {
  wait_members: waitMembers,
  allocate_ips: allocateIps,
  form_cluster: formCluster,
  register_dns: registerDns,
};
