import { db } from '@/lib/db/client';
import type { Deployment, DeploymentStep } from '@/lib/db/generated/client';
import { DomainError } from '@/lib/errors';
import { CloudError } from '@/lib/ibmcloud';
import { withAdvisoryLock } from '@/lib/jobs/lock';
import { claimNode, releaseNode, stillOwns } from './node-owner';
import { recordEvent } from '@/lib/status/timeline';
import { PermanentStepError, type StepDefinition, type WorkflowDeps } from './context';
import { compensateDeployment } from './compensate';
import { deployedStep, installStep, waitBootStep } from './steps/install';
import { allocateIpsStep, createVnisStep, validateStep } from './steps/network';
import { registerDnsStep } from './steps/dns';
import { createServerStep, reinitializeServerStep, stopServerStep, waitRunningStep } from './steps/server';
import { isFinishedDeployment } from '@/lib/status/deployment-statuses';

/**
 * The ordered steps of each kind of node deployment. DNS records are registered once the server
 * is created: nothing in the boot or the install needs them before the node's own late phases, so
 * their calls (two per address, against the DNS API's rate limit) run while the server starts.
 */
export const WORKFLOWS: Record<string, StepDefinition[]> = {
  provision: [validateStep, allocateIpsStep, createVnisStep, createServerStep, registerDnsStep, waitRunningStep, waitBootStep, installStep, deployedStep],
  reinitialize: [stopServerStep, reinitializeServerStep, waitRunningStep, waitBootStep, installStep, deployedStep],
};

export const MAX_STEP_ATTEMPTS = 6;

/** What the caller should do next: nothing, or run the deployment again after `delayMs`. */
export type RunOutcome = { next: 'none' } | { next: 'run'; delayMs: number };

/** Timeline phase of an orchestrator step (the validate step is the Python original's `provisioning`, docs/reference/original-detailed.md §2.10). */
const stepPhase = (name: string) => (name === 'validate' ? 'provisioning' : name);

function isRetryable(err: unknown): boolean {
  if (err instanceof PermanentStepError) return false;
  if (err instanceof CloudError) return err.retryable;
  if (err instanceof DomainError) return false;
  return true; // database hiccups, lost connections: worth another try
}

function backoffMs(attempt: number, err: unknown): number {
  const hinted = err instanceof CloudError ? err.retryAfterMs : undefined;
  const base = Math.min(60_000, 2000 * 2 ** (attempt - 1));
  return Math.max(hinted ?? 0, Math.round(base * (0.75 + Math.random() * 0.5)));
}

/**
 * Advances one deployment as far as it can go now. Safe to call from any number of workers at
 * once (an advisory lock lets one through) and after a crash at any point (every step is
 * idempotent and its state lives in DeploymentStep rows).
 */
export async function runDeployment(deploymentId: string, deps: WorkflowDeps): Promise<RunOutcome> {
  return (await runDeploymentIfFree(deploymentId, deps)) ?? { next: 'run', delayMs: deps.pollMs * 2 };
}

/** runDeployment, or null at once when another run holds the deployment. */
export async function runDeploymentIfFree(deploymentId: string, deps: WorkflowDeps): Promise<RunOutcome | null> {
  const locked = await withAdvisoryLock(`deployment:${deploymentId}`, () => advance(deploymentId, deps));
  return locked.acquired ? locked.result : null;
}

async function advance(deploymentId: string, deps: WorkflowDeps): Promise<RunOutcome> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, include: { steps: { orderBy: { position: 'asc' } } } });
  if (!deployment) return { next: 'none' };
  if (isFinishedDeployment(deployment.status)) {
    // A superseded or cancelled deployment gives the node back at its first step boundary.
    if (deployment.nodeId) await releaseNode(deployment.nodeId, deploymentId);
    return { next: 'none' };
  }
  const steps = WORKFLOWS[deployment.kind];
  if (!steps || !deployment.nodeId) {
    await db.deployment.update({ where: { id: deploymentId }, data: { status: 'failed', error: `no workflow for ${deployment.kind}`, finishedAt: deps.now() } });
    return { next: 'none' };
  }
  const nodeId = deployment.nodeId;
  const refused = await claimNode(nodeId, deploymentId);
  if (refused) {
    deps.log.info({ deploymentId, nodeId, reason: refused }, 'deployment waits for the node');
    return { next: 'run', delayMs: deps.pollMs };
  }
  if (deployment.status === 'compensating') return compensateDeployment(deployment, deps);
  let current: Deployment = deployment;
  if (deployment.status === 'pending') {
    current = await db.deployment.update({ where: { id: deploymentId }, data: { status: 'running', startedAt: deployment.startedAt ?? deps.now() } });
  }
  for (const row of deployment.steps) {
    if (row.status === 'succeeded' || row.status === 'skipped') continue;
    const definition = steps.find((s) => s.name === row.name);
    if (!definition) throw new Error(`unknown step ${row.name} in ${deployment.kind}`);
    if (!(await stillOwns(nodeId, deploymentId, ['running']))) return advance(deploymentId, deps);
    const outcome = await runStep(current, row, definition, deps);
    if (outcome) return outcome;
  }
  const finished = await db.$transaction(async (tx) => {
    const ended = await tx.deployment.updateMany({ where: { id: deploymentId, status: 'running' }, data: { status: 'succeeded', currentStep: null, finishedAt: deps.now() } });
    if (ended.count === 1) await releaseNode(nodeId, deploymentId, tx);
    return ended.count === 1;
  });
  return finished ? { next: 'none' } : advance(deploymentId, deps);
}

/** Runs one step; returns an outcome when the deployment must pause here, null to go on. */
async function runStep(deployment: Deployment, row: DeploymentStep, definition: StepDefinition, deps: WorkflowDeps): Promise<RunOutcome | null> {
  const node = await db.node.findUniqueOrThrow({ where: { id: deployment.nodeId! } });
  const firstEntry = row.status !== 'running';
  const step = await db.deploymentStep.update({
    where: { id: row.id },
    data: { status: 'running', attempts: firstEntry ? { increment: 1 } : undefined, startedAt: row.startedAt ?? deps.now() },
  });
  if (deployment.currentStep !== row.name) {
    await db.deployment.update({ where: { id: deployment.id }, data: { currentStep: row.name } });
  }
  try {
    const result = await definition.run({ ...deps, deployment, node, step });
    if (result.status === 'wait') return { next: 'run', delayMs: result.delayMs };
    await db.deploymentStep.update({
      where: { id: row.id },
      data: { status: 'succeeded', finishedAt: deps.now(), lastError: null, output: result.output as object | undefined },
    });
    await recordStepEvent(deployment, node.id, row.name, 'completed');
    return definition.thenYield ? { next: 'run', delayMs: 0 } : null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn({ err, deploymentId: deployment.id, step: row.name, attempt: step.attempts }, 'deployment step failed');
    if (isRetryable(err) && step.attempts < MAX_STEP_ATTEMPTS) {
      await db.deploymentStep.update({ where: { id: row.id }, data: { status: 'pending', lastError: message } });
      return { next: 'run', delayMs: backoffMs(step.attempts, err) };
    }
    if (!(await failDeployment(deployment, node.id, row.name, message, deps))) return advance(deployment.id, deps);
    return compensateDeployment(await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } }), deps);
  }
}

async function recordStepEvent(deployment: Deployment, nodeId: number, step: string, status: string, message?: string) {
  await recordEvent({
    nodeId,
    deploymentId: deployment.id,
    phase: stepPhase(step),
    status,
    message,
    source: 'orchestrator',
    idempotencyKey: `${deployment.id}:${step}:${status}`,
  });
}

async function failDeployment(deployment: Deployment, nodeId: number, step: string, reason: string, deps: WorkflowDeps): Promise<boolean> {
  await db.deploymentStep.update({
    where: { deploymentId_name: { deploymentId: deployment.id, name: step } },
    data: { status: 'failed', lastError: reason, finishedAt: deps.now() },
  });
  // Only the node's owner, still running, rolls back: a superseded deployment leaves the node alone.
  if (!(await stillOwns(nodeId, deployment.id, ['running']))) return false;
  const started = await db.deployment.updateMany({ where: { id: deployment.id, status: 'running' }, data: { status: 'compensating', error: reason } });
  if (started.count !== 1) return false;
  // A node that reported its own failure keeps that reason (phase and message from the node).
  await db.node.updateMany({
    where: { id: nodeId, status: { not: 'failed' }, activeDeploymentId: deployment.id },
    data: { status: 'failed', failureReason: reason, failedStep: step, statusMessage: `Failed at ${step}` },
  });
  await recordEvent({
    nodeId,
    deploymentId: deployment.id,
    phase: 'failed',
    status: 'failed',
    message: `${step}: ${reason}`,
    source: 'orchestrator',
    details: { step },
    idempotencyKey: `${deployment.id}:failed`,
  });
  return true;
}
