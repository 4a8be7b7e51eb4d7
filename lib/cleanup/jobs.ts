import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { getCloudClient } from '@/lib/ibmcloud';
import { enqueue, registerWorker, scheduleCron } from '@/lib/jobs/engine';
import { runFindingCleanup } from './drift/clean-finding';
import { reconcile } from './drift/reconcile';
import { runCleanupDeployment } from './runner';
import { CLEANUP_QUEUE, FINDING_QUEUE, RECONCILE_QUEUE, cleanupContext, driftScope } from './runtime';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

/** Thrown when another live runner holds the cleanup: the job engine retries later. */
export class CleanupBusyError extends Error {
  constructor(deploymentId: string) {
    super(`cleanup ${deploymentId} is being run by another worker`);
    this.name = 'CleanupBusyError';
  }
}

/** Queues every cleanup left pending or running (e.g. by a crash) so it resumes. */
export async function resumeCleanups(): Promise<number> {
  const open = await db.deployment.findMany({ where: { kind: 'cleanup', status: { in: OPEN_DEPLOYMENT_STATUSES } }, select: { id: true } });
  for (const d of open) await enqueue(CLEANUP_QUEUE, { deploymentId: d.id }, { singletonKey: d.id });
  return open.length;
}

/** Registered from lib/jobs/workers.ts. */
export async function registerJobs() {
  const waitSeconds = getConfig().CLEANUP_WAIT_TIMEOUT;
  await registerWorker<{ deploymentId: string }>(
    CLEANUP_QUEUE,
    async ({ deploymentId }) => {
      const outcome = await runCleanupDeployment(deploymentId, cleanupContext());
      if (outcome === 'busy') throw new CleanupBusyError(deploymentId);
      if (outcome === 'waiting') await enqueue(CLEANUP_QUEUE, { deploymentId }, { singletonKey: deploymentId, startAfter: 1 });
      return { outcome };
    },
    // A run waits up to CLEANUP_WAIT_TIMEOUT per wait step (three of them at most).
    { policy: 'short', retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: waitSeconds * 3 + 600 },
  );
  await registerWorker<{ findingId: number }>(FINDING_QUEUE, ({ findingId }) => runFindingCleanup(findingId, cleanupContext()), {
    policy: 'short', retryLimit: 8, retryDelay: 10, retryBackoff: true, expireInSeconds: waitSeconds * 3 + 600,
  });
  await registerWorker(RECONCILE_QUEUE, () => reconcile(getCloudClient(getConfig()), driftScope()), { policy: 'singleton', retryLimit: 1 });
  await scheduleCron(RECONCILE_QUEUE, getConfig().DRIFT_RECONCILE_CRON);
  await resumeCleanups();
}
