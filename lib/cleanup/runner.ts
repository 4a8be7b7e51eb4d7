import { db, type Prisma } from '@/lib/db/client';
import { CloudError } from '@/lib/ibmcloud/errors';
import { logger } from '@/lib/log/logger';
import { claimNode, releaseNode, stillOwns } from '@/lib/provisioning/node-owner';
import { recordEvent } from '@/lib/status/timeline';
import type { CleanupContext } from './context';
import { finalizeNode } from './finalize';
import { CLEANUP_STEPS, type CleanupStepName } from './plan';
import * as teardown from '@/lib/ledger/teardown';
import { CleanupTimeoutError } from './wait';
import { isFinishedDeployment } from '@/lib/status/deployment-statuses';

type StepFn = (ctx: CleanupContext, nodeId: number) => Promise<teardown.StepOutput>;

const STEP_FNS: Record<CleanupStepName, StepFn> = {
  stop_server: teardown.stopServers,
  delete_server: teardown.deleteServers,
  wait_server_gone: teardown.waitServersGone,
  delete_vnis: teardown.deleteVnis,
  release_reserved_ips: teardown.releaseReservedIps,
  delete_dns_records: teardown.deleteDnsRecords,
  finalize: finalizeNode,
};

/** A step that keeps failing with transient errors fails the cleanup after this many tries. */
export const MAX_STEP_ATTEMPTS = 5;
/** A `running` cleanup whose runner has not heartbeaten for this long is presumed dead (crash). */
export const DEFAULT_LEASE_MS = 120_000;

/** `waiting`: another deployment still holds the node (it stops at its next step boundary). */
export type RunOutcome = 'succeeded' | 'failed' | 'busy' | 'waiting' | 'finished_already';

const log = logger.child({ component: 'cleanup' });

/** Takes the deployment for this runner; false when another live runner holds it. */
async function acquire(deploymentId: string, leaseMs: number): Promise<boolean> {
  const staleBefore = new Date(Date.now() - leaseMs);
  const taken = await db.deployment.updateMany({
    where: {
      id: deploymentId,
      kind: 'cleanup',
      OR: [{ status: 'pending' }, { status: 'running', updatedAt: { lte: staleBefore } }],
    },
    data: { status: 'running', updatedAt: new Date() },
  });
  if (taken.count === 1) {
    await db.deployment.updateMany({ where: { id: deploymentId, startedAt: null }, data: { startedAt: new Date() } });
  }
  return taken.count === 1;
}

function transient(err: unknown) {
  return (err instanceof CloudError && err.retryable) || err instanceof CleanupTimeoutError;
}

async function fail(deploymentId: string, nodeId: number, step: string, message: string) {
  const reason = `Cleanup failed at ${step}: ${message}`;
  await db.$transaction(async (tx) => {
    await tx.deployment.update({ where: { id: deploymentId }, data: { status: 'failed', error: reason, finishedAt: new Date() } });
    await tx.node.update({ where: { id: nodeId }, data: { status: 'failed', failureReason: reason, failedStep: `cleanup:${step}` } });
    await releaseNode(nodeId, deploymentId, tx);
  });
  await recordEvent({ nodeId, deploymentId, phase: 'cleanup', status: 'failed', message: reason, source: 'orchestrator', idempotencyKey: `${deploymentId}:failed` });
}

/**
 * Runs (or resumes) a cleanup deployment: each step not yet succeeded, in order. Steps re-read the
 * ledger and treat resources already gone as done, so a step interrupted by a crash is simply run
 * again. A transient failure is rethrown for the job engine to retry later (the step keeps its
 * attempt count); a permanent one, or too many attempts, fails the cleanup and says where.
 */
export async function runCleanupDeployment(deploymentId: string, ctx: CleanupContext, leaseMs = DEFAULT_LEASE_MS): Promise<RunOutcome> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, include: { steps: { orderBy: { position: 'asc' } } } });
  if (!deployment || deployment.kind !== 'cleanup' || deployment.nodeId === null) return 'finished_already';
  if (isFinishedDeployment(deployment.status)) return 'finished_already';
  const nodeId = deployment.nodeId;
  const refused = await claimNode(nodeId, deploymentId);
  if (refused) {
    log.info({ deploymentId, nodeId, reason: refused }, 'cleanup waits for the node');
    return 'waiting';
  }
  if (!(await acquire(deploymentId, leaseMs))) return 'busy';
  // A step of the superseded deployment may have written the node after the request marked it.
  await db.node.updateMany({ where: { id: nodeId, activeDeploymentId: deploymentId, status: { not: 'cleaning' } }, data: { status: 'cleaning', statusMessage: 'Cleanup in progress' } });
  const heartbeat = async () => {
    await db.deployment.update({ where: { id: deploymentId }, data: { updatedAt: new Date() } });
  };
  const stepCtx: CleanupContext = { ...ctx, heartbeat };

  for (const step of deployment.steps) {
    if (step.status === 'succeeded' || step.status === 'skipped') continue;
    const name = step.name as CleanupStepName;
    if (!(await stillOwns(nodeId, deploymentId, ['running']))) return 'busy';
    const attempts = step.attempts + 1;
    await db.deploymentStep.update({ where: { id: step.id }, data: { status: 'running', attempts, startedAt: new Date(), lastError: null } });
    await db.deployment.update({ where: { id: deploymentId }, data: { currentStep: name, updatedAt: new Date() } });
    try {
      const output = await STEP_FNS[name](stepCtx, nodeId);
      await db.deploymentStep.update({
        where: { id: step.id },
        data: { status: 'succeeded', finishedAt: new Date(), output: output as Prisma.InputJsonValue },
      });
      await recordEvent({
        nodeId, deploymentId, phase: 'cleanup', status: 'in_progress', source: 'orchestrator',
        message: `Cleanup step ${name} done`, progress: Math.round(((step.position + 1) / CLEANUP_STEPS.length) * 100),
        details: output as Prisma.InputJsonValue, idempotencyKey: `${deploymentId}:${name}`,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.deploymentStep.update({ where: { id: step.id }, data: { status: 'failed', lastError: message, finishedAt: new Date() } });
      log.warn({ deploymentId, step: name, attempts, err: err instanceof CloudError ? err.toLog() : message }, 'cleanup step failed');
      if (transient(err) && attempts < MAX_STEP_ATTEMPTS) {
        // Let the next run take over at once instead of waiting for the lease to expire.
        await db.deployment.update({ where: { id: deploymentId }, data: { updatedAt: new Date(0) } });
        throw err;
      }
      await fail(deploymentId, nodeId, name, message);
      return 'failed';
    }
  }
  await db.$transaction(async (tx) => {
    await tx.deployment.update({ where: { id: deploymentId }, data: { status: 'succeeded', currentStep: null, finishedAt: new Date() } });
    await releaseNode(nodeId, deploymentId, tx);
  });
  await recordEvent({
    nodeId, deploymentId, phase: 'cleanup', status: 'completed', source: 'orchestrator', progress: 100,
    message: 'Cleanup completed: every ledger resource deleted', idempotencyKey: `${deploymentId}:completed`,
  });
  return 'succeeded';
}
