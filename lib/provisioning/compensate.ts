import { db } from '@/lib/db/client';
import type { Deployment } from '@/lib/db/generated/client';
import { CloudError } from '@/lib/ibmcloud';
import { recordEvent } from '@/lib/status/timeline';
import type { WorkflowDeps } from './context';
import { DomainError } from '@/lib/errors';
import { ledgerForTeardown, markResource } from '@/lib/ledger/ledger';
import { deleteLedgerResource } from '@/lib/ledger/teardown';
import { releaseNode, stillOwns } from './node-owner';
import type { RunOutcome } from './workflow';

/**
 * Rolls a failed deployment back: deletes every cloud resource its ledger holds, newest kind
 * first (server, DNS PTR then A, VNIs, reserved IPs), waiting for the server to be really gone,
 * then frees the node's addresses. Re-entrant: each call continues where the last stopped.
 */
export async function compensateDeployment(deployment: Deployment, deps: WorkflowDeps): Promise<RunOutcome> {
  const rows = await ledgerForTeardown({ deploymentId: deployment.id });
  let removed = 0;
  const owned = () => (deployment.nodeId ? stillOwns(deployment.nodeId, deployment.id, ['compensating']) : Promise.resolve(true));
  for (const row of rows) {
    // Stopped (a cleanup took over) between two deletes: the next run gives the node back.
    if (!(await owned())) return { next: 'run', delayMs: 0 };
    try {
      const result = await deleteLedgerResource(row, deps.cloud);
      if (result === 'pending') return { next: 'run', delayMs: deps.pollMs };
      removed++;
    } catch (err) {
      if ((err instanceof CloudError && !err.retryable && err.kind !== 'conflict') || err instanceof DomainError) {
        // Cannot be fixed by waiting (or not provably ours): leave it to the cleanup area, flagged, and go on.
        deps.log.error({ err: err instanceof CloudError ? err.toLog() : err.message, resource: row.name }, 'compensation could not delete a resource');
        await markResource(row.id, 'failed');
        continue;
      }
      deps.log.warn({ err, resource: row.name }, 'compensation will retry a delete');
      return { next: 'run', delayMs: Math.max(deps.pollMs, 2000) };
    }
  }
  if (!(await owned())) return { next: 'run', delayMs: 0 };
  if (deployment.nodeId && deployment.kind === 'provision') {
    await releaseUnreservedAddresses(deployment.nodeId);
    await db.node.update({ where: { id: deployment.nodeId }, data: { bareMetalId: null, managementVniId: null, workloadVniId: null } });
  }
  await db.deploymentStep.updateMany({ where: { deploymentId: deployment.id, status: 'succeeded' }, data: { status: 'compensated' } });
  await db.$transaction(async (tx) => {
    const ended = await tx.deployment.updateMany({ where: { id: deployment.id, status: 'compensating' }, data: { status: 'failed', currentStep: null, finishedAt: deps.now() } });
    if (ended.count === 1 && deployment.nodeId) await releaseNode(deployment.nodeId, deployment.id, tx);
  });
  if (deployment.nodeId) {
    await recordEvent({
      nodeId: deployment.nodeId,
      deploymentId: deployment.id,
      phase: 'cleanup',
      status: 'completed',
      message: `Rolled back: ${removed} cloud resource(s) deleted`,
      source: 'orchestrator',
      idempotencyKey: `${deployment.id}:rollback`,
    });
  }
  return { next: 'none' };
}

/** Frees the node's addresses whose cloud reservation is gone (a flagged one keeps its address). */
async function releaseUnreservedAddresses(nodeId: number) {
  const stillReserved = await db.cloudResource.findMany({
    where: { nodeId, kind: 'reserved_ip', state: { not: 'deleted' } },
    select: { address: true },
  });
  const keep = stillReserved.map((r) => r.address).filter((a): a is string => Boolean(a));
  await db.ipAllocation.updateMany({ where: { nodeId, releasedAt: null, address: { notIn: keep } }, data: { releasedAt: new Date() } });
}
