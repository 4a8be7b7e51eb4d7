import { db } from '@/lib/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { statusIs } from '@/lib/status/node-statuses';
import { recordEvent } from '@/lib/status/timeline';
import { cancelOpenDeployments, createDeployment } from './deployments';
import { scheduleDeployment } from './jobs';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';


/**
 * Re-runs network boot on an existing server (docs/reference/original-detailed.md §4.6), as a durable deployment: stop the
 * server, rotate the node token, replace the initialization (iPXE image + new chain URL), then
 * watch the install exactly like a provision. A running provision or reinitialize is superseded
 * (it stops at its next step boundary, then this one takes the node); a running cleanup or
 * rollback is not: the request is refused with the reason.
 */
export async function reinitializeNode(target: { node_id?: number; mgmt_ip?: string }, requestedBy?: string) {
  const found = target.node_id
    ? await db.node.findUnique({ where: { id: target.node_id }, select: { id: true } })
    : await db.node.findFirst({ where: { managementIp: target.mgmt_ip, status: { not: 'cleaned' } }, orderBy: { id: 'desc' }, select: { id: true } });
  if (!found) throw new NotFoundError(target.node_id ? `Node ${target.node_id} not found` : `No node has management IP ${target.mgmt_ip}`);
  const { node, deployment } = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Node" WHERE "id" = ${found.id} FOR UPDATE`;
    const node = await tx.node.findUniqueOrThrow({ where: { id: found.id } });
    if (statusIs(node.status, 'retired')) throw new ConflictError(`Node ${node.name} is ${node.status} and cannot be reinitialized`);
    const blocking = await tx.deployment.findFirst({
      where: { nodeId: node.id, OR: [{ kind: 'cleanup', status: { in: OPEN_DEPLOYMENT_STATUSES } }, { status: 'compensating' }] },
      orderBy: { createdAt: 'desc' },
    });
    if (blocking) {
      const what = blocking.kind === 'cleanup' ? 'a cleanup' : `the rollback of its failed ${blocking.kind}`;
      throw new ConflictError(`Node ${node.name} cannot be reinitialized while ${what} is running (deployment ${blocking.id})`);
    }
    if (!node.bareMetalId || !node.managementIp) {
      throw new ConflictError(`Node ${node.name} has no bare-metal server yet; wait for its provisioning or clean it up`);
    }
    await cancelOpenDeployments(tx, node.id, 'superseded by a reinitialize');
    await tx.node.update({
      where: { id: node.id },
      data: { status: 'deploying', phase: null, progress: 0, statusMessage: 'Reinitializing', failureReason: null, failedStep: null, deployedAt: null },
    });
    return { node, deployment: await createDeployment(tx, { kind: 'reinitialize', nodeId: node.id, requestedBy }) };
  });
  await recordEvent({ nodeId: node.id, deploymentId: deployment.id, phase: 'reinitialize', status: 'started', message: 'Reinitialize requested', source: 'operator' });
  await scheduleDeployment(deployment.id);
  return {
    message: `Server ${node.name} reinitialization initiated successfully`,
    node_id: node.id,
    deployment_id: deployment.id,
    server_id: node.bareMetalId,
    management_ip: node.managementIp,
  };
}
