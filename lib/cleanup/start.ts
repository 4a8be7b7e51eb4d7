import { db, type Prisma } from '@/lib/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { recordEvent } from '@/lib/status/timeline';
import { planNodeCleanup } from '@/lib/ledger/ledger';
import { CLEANUP_STEPS, planItems, type CleanupPlan } from './plan';
import { OPEN_DEPLOYMENT_STATUSES, UNFINISHED_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

export type EnqueueCleanup = (deploymentId: string) => Promise<unknown>;

export interface StartedCleanup {
  deploymentId: string;
  nodeId: number;
  nodeName: string;
  /** False when a cleanup of this node was already pending or running (that one is returned). */
  created: boolean;
  plan: CleanupPlan;
}


/** The plan as stored on the Deployment and shown in confirmations: what will be deleted. */
export function planSummary(plan: CleanupPlan) {
  return planItems(plan).map((r) => ({
    kind: r.kind,
    // DNS records by the name people know (the FQDN / in-addr.arpa name), not their ledger key.
    name: r.kind === 'dns_record' ? `${r.recordType} ${r.recordName ?? r.name}` : r.name,
    cloud_id: r.cloudId,
    address: r.address,
    type: r.recordType ?? null,
  }));
}

/**
 * Starts the durable cleanup of one node: a `cleanup` Deployment with its steps, the node marked
 * `cleaning`, any provisioning, reinitialize or rollback of it cancelled, and the job queued. Idempotent: while a cleanup of
 * the node is pending or running, that one is returned instead of a second.
 */
export async function startNodeCleanup(nodeId: number, requestedBy: string, enqueue: EnqueueCleanup): Promise<StartedCleanup> {
  const plan = await planNodeCleanup(nodeId);
  const result = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Node" WHERE "id" = ${nodeId} FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError(`Node ${nodeId} does not exist`);
    const node = await tx.node.findUniqueOrThrow({ where: { id: nodeId } });
    const active = await tx.deployment.findFirst({ where: { nodeId, kind: 'cleanup', status: { in: OPEN_DEPLOYMENT_STATUSES } }, orderBy: { createdAt: 'desc' } });
    if (active) return { deploymentId: active.id, nodeName: node.name, created: false };
    if (node.status === 'cleaned' && planItems(plan).length === 0) {
      throw new ConflictError(`Node ${node.name} is already cleaned up; its ledger lists nothing left to delete`);
    }
    // A provision, reinitialize or rollback stops at its next step boundary; the cleanup takes the
    // node after that (lib/provisioning/node-owner.ts) and tears down exactly the ledger.
    await tx.deployment.updateMany({
      where: { nodeId, kind: { not: 'cleanup' }, status: { in: UNFINISHED_DEPLOYMENT_STATUSES } },
      data: { status: 'cancelled', error: 'Cancelled by a cleanup of the node', finishedAt: new Date() },
    });
    const deployment = await tx.deployment.create({
      data: {
        kind: 'cleanup',
        nodeId,
        requestedBy,
        plan: { resources: planSummary(plan) } as Prisma.InputJsonValue,
        steps: { create: CLEANUP_STEPS.map((name, position) => ({ name, position })) },
      },
    });
    await tx.node.update({ where: { id: nodeId }, data: { status: 'cleaning', statusMessage: 'Cleanup in progress', failureReason: null, failedStep: null } });
    return { deploymentId: deployment.id, nodeName: node.name, created: true };
  });
  if (result.created) {
    await recordEvent({
      nodeId, deploymentId: result.deploymentId, phase: 'cleanup', status: 'started', source: 'operator',
      message: `Cleanup requested by ${requestedBy}: ${planItems(plan).length} resource(s) to delete`,
      idempotencyKey: `${result.deploymentId}:started`,
    });
  }
  await enqueue(result.deploymentId);
  return { ...result, nodeId, plan };
}

/**
 * The nodes a deployment id stands for: its node, or every member of its cluster. 404 when the
 * deployment does not exist (the Python original matched node names by substring, docs/reference/original-detailed.md §7.3; we do not).
 */
export async function nodesOfDeployment(deploymentId: string): Promise<number[]> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { nodeId: true, clusterId: true } });
  if (!deployment) throw new NotFoundError(`Deployment ${deploymentId} does not exist`);
  if (deployment.nodeId !== null) return [deployment.nodeId];
  if (deployment.clusterId === null) return [];
  const members = await db.node.findMany({ where: { clusterId: deployment.clusterId }, select: { id: true }, orderBy: { id: 'asc' } });
  return members.map((m) => m.id);
}
