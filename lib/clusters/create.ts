import { db } from '@/lib/db/client';
import { ConflictError, ValidationError, type FieldError } from '@/lib/errors';
import { recordEvent } from '@/lib/status/timeline';
import { enqueueClusterFormation } from './jobs';
import { statusesWhereNot, statusIs } from '@/lib/status/node-statuses';
import { defaultRedundancyFactor } from './rules';
import type { CreateClusterRequest } from './schemas';
import { newDeploymentSteps } from './views';

type MemberNode = { id: number; name: string; status: string; clusterId: number | null };

/** Provisions new member nodes (the provisioning workflow) and returns their ids. */
export type ProvisionMembers = (req: CreateClusterRequest, requestedBy: string) => Promise<number[]>;

export interface CreateClusterOptions {
  requestedBy: string;
  provisionMembers?: ProvisionMembers;
  enqueue?: (deploymentId: string) => Promise<unknown>;
}

async function findMembers(req: CreateClusterRequest): Promise<{ field: string; nodes: MemberNode[]; errors: FieldError[] }> {
  const select = { id: true, name: true, status: true, clusterId: true };
  const errors: FieldError[] = [];
  if (req.nodeIds) {
    const nodes = await db.node.findMany({ where: { id: { in: req.nodeIds } }, select });
    const missing = req.nodeIds.filter((id) => !nodes.some((n) => n.id === id));
    if (missing.length) errors.push({ field: 'nodeIds', message: `no node with id ${missing.join(', ')}` });
    return { field: 'nodeIds', nodes: req.nodeIds.map((id) => nodes.find((n) => n.id === id)!).filter(Boolean), errors };
  }
  const names = req.nodeNames ?? [];
  const nodes = await db.node.findMany({ where: { name: { in: names }, status: { notIn: statusesWhereNot('usable') } }, select });
  const missing = names.filter((name) => !nodes.some((n) => n.name === name));
  if (missing.length) errors.push({ field: 'nodes', message: `no live node named ${missing.join(', ')}` });
  return { field: 'nodes', nodes, errors };
}

function memberErrors(field: string, nodes: MemberNode[], clusterNames: Map<number, string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const n of nodes) {
    if (!statusIs(n.status, 'usable')) errors.push({ field, message: `node ${n.name} is ${n.status} and cannot join a cluster` });
    if (n.clusterId !== null) errors.push({ field, message: `node ${n.name} is already a member of cluster ${clusterNames.get(n.clusterId) ?? n.clusterId}` });
  }
  return errors;
}

/**
 * Registers a cluster, attaches its members (existing nodes, or nodes it provisions now) and
 * queues its formation. Validation failures are field errors; a taken name is a conflict.
 */
export async function createCluster(req: CreateClusterRequest, opts: CreateClusterOptions) {
  // A cluster row stays until its ledger is empty (deleteCluster removes it last), so the name is
  // reserved for as long as any of its resources may still exist.
  const holder = await db.cluster.findUnique({
    where: { name: req.name },
    select: { id: true, status: true, _count: { select: { cloudResources: { where: { state: { not: 'deleted' } } } } } },
  });
  if (holder) {
    const live = holder._count.cloudResources;
    const message = `taken by cluster ${req.name} (id ${holder.id}, ${holder.status}${live ? `, holding ${live} live cloud resource(s)` : ''})`;
    throw new ConflictError(`A cluster named ${req.name} already exists: ${message}`, { errors: [{ field: 'name', message }] });
  }
  let memberIds: number[];
  if (req.provision) {
    if (!opts.provisionMembers) throw new ValidationError('Provisioning new members is not available', [{ field: 'provision', message: 'not available' }]);
    memberIds = [];
  } else {
    const found = await findMembers(req);
    const others = await db.cluster.findMany({ where: { id: { in: found.nodes.map((n) => n.clusterId).filter((id): id is number => id !== null) } }, select: { id: true, name: true } });
    const errors = [...found.errors, ...memberErrors(found.field, found.nodes, new Map(others.map((c) => [c.id, c.name])))];
    if (errors.length) throw new ValidationError('The cluster members are not valid', errors);
    memberIds = found.nodes.map((n) => n.id);
  }
  const rf = req.redundancyFactor ?? defaultRedundancyFactor(req.type);
  if (req.provision) memberIds = await opts.provisionMembers!(req, opts.requestedBy);

  const { cluster, deployment } = await db.$transaction(async (tx) => {
    const cluster = await tx.cluster.create({
      data: { name: req.name, type: req.type, redundancyFactor: rf, dnsServers: req.dnsServers ?? [], status: 'pending', createdBy: opts.requestedBy },
    });
    // Only nodes still in no cluster are taken: a concurrent request for the same node loses here.
    const attached = await tx.node.updateMany({ where: { id: { in: memberIds }, clusterId: null }, data: { clusterId: cluster.id } });
    if (attached.count !== memberIds.length) throw new ConflictError('A requested node joined another cluster meanwhile; try again');
    const deployment = await tx.deployment.create({
      data: { kind: 'cluster', clusterId: cluster.id, requestedBy: opts.requestedBy, plan: { members: memberIds, redundancyFactor: rf }, steps: { create: newDeploymentSteps() } },
    });
    return { cluster, deployment };
  });
  await recordEvent({ clusterId: cluster.id, deploymentId: deployment.id, phase: 'created', status: 'info', source: 'operator', message: `cluster ${cluster.name} requested by ${opts.requestedBy}: ${req.type}, ${memberIds.length} member(s), RF${rf}` });
  await (opts.enqueue ?? enqueueClusterFormation)(deployment.id);
  return { clusterId: cluster.id, deploymentId: deployment.id };
}
