import { db } from '@/lib/db/client';
import { enqueue, registerWorker, scheduleCron } from '@/lib/jobs/engine';
import { getConfig } from '@/lib/config';
import { defaultDeps } from './context';
import { runDeployment, runDeploymentIfFree } from './workflow';
import { wakeDeploymentsOnNodeReports } from './wake';
import { UNFINISHED_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

export const DEPLOYMENT_QUEUE = 'deployment.run';
export const RESUME_QUEUE = 'deployment.resume';

/** Queues a run of the deployment (at most one waiting per deployment). */
export function scheduleDeployment(deploymentId: string, delayMs = 0) {
  return enqueue(DEPLOYMENT_QUEUE, { deploymentId }, { singletonKey: deploymentId, startAfter: Math.ceil(delayMs / 1000) });
}

/** Re-queues every unfinished node deployment: after a restart, and every minute as a safety net. */
export async function resumeUnfinishedDeployments(): Promise<number> {
  const open = await db.deployment.findMany({
    where: { status: { in: UNFINISHED_DEPLOYMENT_STATUSES }, kind: { in: ['provision', 'reinitialize'] } },
    select: { id: true },
  });
  for (const d of open) await scheduleDeployment(d.id);
  return open.length;
}

/**
 * Polling loops of the deployment queue in this process: 8 per WORKER_CONCURRENCY (32 by
 * default). Most runs only poll (server state, node reports) and return at once, some sleep out
 * a Retry-After; pg-boss waits its polling interval after every job, so a loop runs at most two
 * a second and a sleeping run blocks only its own loop. Hundreds of deployments at once need
 * dozens of loops (bench/provisions.ts); they share the process's few database connections.
 */
export function deploymentLoops(): number {
  return getConfig().WORKER_CONCURRENCY * 8;
}

let wakeUps: (() => void) | undefined;

/** Registration for lib/jobs/workers.ts. */
export async function registerJobs() {
  wakeUps ??= wakeDeploymentsOnNodeReports({ run: runDeploymentIfFree, schedule: scheduleDeployment, deps: defaultDeps });
  await registerWorker<{ deploymentId: string }>(
    DEPLOYMENT_QUEUE,
    async ({ deploymentId }) => {
      const outcome = await runDeployment(deploymentId, defaultDeps());
      if (outcome.next === 'run') await scheduleDeployment(deploymentId, outcome.delayMs);
      return outcome;
    },
    { policy: 'short', concurrency: deploymentLoops(), pollingIntervalSeconds: 0.5, expireInSeconds: 900, retryLimit: 5 },
  );
  await registerWorker(RESUME_QUEUE, async () => ({ resumed: await resumeUnfinishedDeployments() }), { policy: 'short' });
  await scheduleCron(RESUME_QUEUE, '* * * * *');
  await enqueue(RESUME_QUEUE, {}, { singletonKey: 'startup' });
}
