import { db, type Prisma } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { claimNodes, releaseNode } from '@/lib/provisioning/node-owner';
import { recordEvent } from '@/lib/status/timeline';
import type { ClusterWorkflowDeps } from './deps';
import { CLUSTER_STEPS, PermanentStepError, STEP_LABELS, STEP_RUNNERS, type ClusterStepName } from './steps';
import { isFinishedDeployment, OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

/** A step failing with a retryable error is tried this many times before the formation fails. */
export const MAX_STEP_ATTEMPTS = 5;

export type AdvanceResult = { state: 'waiting'; afterSeconds: number } | { state: 'succeeded' | 'failed' | 'cancelled' | 'missing' };

const log = logger.child({ component: 'cluster-workflow' });

function isRetryable(err: unknown): boolean {
  if (err instanceof PermanentStepError) return false;
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === true;
}

function messageOf(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

function event(clusterId: number, deploymentId: string, phase: string, status: string, message: string, key?: string, details?: Prisma.InputJsonValue) {
  return recordEvent({ clusterId, deploymentId, phase, status, message, source: 'orchestrator', details, idempotencyKey: key && `cluster:${deploymentId}:${key}` });
}

function memberIds(clusterId: number) {
  return db.node.findMany({ where: { clusterId }, select: { id: true }, orderBy: { id: 'asc' } }).then((rows) => rows.map((r) => r.id));
}

async function releaseMembers(clusterId: number, deploymentId: string) {
  for (const id of await memberIds(clusterId)) await releaseNode(id, deploymentId);
}

async function fail(clusterId: number, deploymentId: string, step: ClusterStepName, reason: string) {
  const now = new Date();
  await releaseMembers(clusterId, deploymentId);
  await db.deploymentStep.update({ where: { deploymentId_name: { deploymentId, name: step } }, data: { status: 'failed', lastError: reason, finishedAt: now } });
  await db.deployment.update({ where: { id: deploymentId }, data: { status: 'failed', error: `${step}: ${reason}`, finishedAt: now } });
  await db.cluster.updateMany({ where: { id: clusterId }, data: { status: 'failed', failureReason: `${STEP_LABELS[step]} failed: ${reason}` } });
  await event(clusterId, deploymentId, 'failed', 'failed', `${STEP_LABELS[step]} failed: ${reason}`, `failed:${step}`);
}

/**
 * Runs the cluster deployment's steps from the first unfinished one until it has to wait, fails
 * or completes. Every step is idempotent, so a replay after a crash resumes where it stopped.
 */
export async function advanceClusterDeployment(deploymentId: string, deps: ClusterWorkflowDeps): Promise<AdvanceResult> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, include: { steps: { orderBy: { position: 'asc' } } } });
  if (!deployment || deployment.kind !== 'cluster') return { state: 'missing' };
  if (deployment.clusterId === null) {
    await db.deployment.updateMany({ where: { id: deploymentId, status: { in: OPEN_DEPLOYMENT_STATUSES } }, data: { status: 'cancelled', finishedAt: new Date() } });
    return { state: 'cancelled' };
  }
  if (isFinishedDeployment(deployment.status)) return { state: deployment.status as 'succeeded' };
  const clusterId = deployment.clusterId;
  if (deployment.status === 'pending') {
    await db.deployment.update({ where: { id: deploymentId }, data: { status: 'running', startedAt: deps.now() } });
  }
  for (const step of deployment.steps) {
    if (step.status === 'succeeded' || step.status === 'skipped') continue;
    const name = step.name as ClusterStepName;
    if (!CLUSTER_STEPS.includes(name)) throw new Error(`unknown cluster step ${step.name}`);
    const current = await db.deployment.findUnique({ where: { id: deploymentId }, select: { status: true, clusterId: true } });
    if (!current || current.status === 'cancelled' || current.clusterId === null) return { state: 'cancelled' };
    if (name === 'form_cluster') {
      // Forming acts on every member: it takes them all (ascending ids) or waits.
      const refused = await claimNodes(await memberIds(clusterId), deploymentId);
      if (refused) return { state: 'waiting', afterSeconds: deps.pollSeconds };
    }
    const polling = step.status === 'running' && (step.output as { waiting?: boolean } | null)?.waiting === true;
    const startedAt = step.startedAt ?? deps.now();
    const attempts = polling ? step.attempts : step.attempts + 1;
    await db.deploymentStep.update({ where: { id: step.id }, data: { status: 'running', attempts, startedAt } });
    await db.deployment.update({ where: { id: deploymentId }, data: { currentStep: name } });
    if (!polling && step.attempts === 0) await event(clusterId, deploymentId, name, 'started', STEP_LABELS[name], `${name}:started`);
    try {
      const outcome = await STEP_RUNNERS[name]({ clusterId, deploymentId, startedAt, deps });
      if (!outcome.done) {
        await db.deploymentStep.update({ where: { id: step.id }, data: { output: { waiting: true, message: outcome.message } } });
        return { state: 'waiting', afterSeconds: outcome.afterSeconds };
      }
      await db.deploymentStep.update({ where: { id: step.id }, data: { status: 'succeeded', finishedAt: deps.now(), output: outcome.output, lastError: null } });
      if (name === 'form_cluster') await releaseMembers(clusterId, deploymentId);
      await event(clusterId, deploymentId, name, 'completed', STEP_LABELS[name], `${name}:completed`, outcome.output);
    } catch (err) {
      const reason = messageOf(err);
      if (isRetryable(err) && attempts < MAX_STEP_ATTEMPTS) {
        const afterSeconds = Math.min(300, 5 * 2 ** (attempts - 1));
        await db.deploymentStep.update({ where: { id: step.id }, data: { lastError: reason, output: { retrying: true } } });
        await event(clusterId, deploymentId, name, 'info', `attempt ${attempts} failed, retrying in ${afterSeconds} s: ${reason}`, `${name}:retry:${attempts}`);
        return { state: 'waiting', afterSeconds };
      }
      log.warn({ deploymentId, clusterId, step: name, err: reason }, 'cluster formation failed');
      await fail(clusterId, deploymentId, name, reason);
      return { state: 'failed' };
    }
  }
  const now = deps.now();
  await db.deployment.update({ where: { id: deploymentId }, data: { status: 'succeeded', currentStep: null, finishedAt: now } });
  await db.cluster.updateMany({ where: { id: clusterId }, data: { status: 'ready', readyAt: now, failureReason: null } });
  await event(clusterId, deploymentId, 'ready', 'completed', 'cluster is ready', 'ready');
  return { state: 'succeeded' };
}
