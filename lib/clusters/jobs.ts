import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { enqueue, registerWorker, scheduleCron } from '@/lib/jobs/engine';
import { withAdvisoryLock } from '@/lib/jobs/lock';
import { clusterWorkflowDeps } from './workflow/deps';
import { advanceClusterDeployment } from './workflow/runner';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

export const CLUSTER_QUEUE = 'cluster.formation';
export const CLUSTER_RESUME_QUEUE = 'cluster.resume';

/** Queues (another) run of a cluster deployment; at most one waits per deployment. */
export function enqueueClusterFormation(deploymentId: string, afterSeconds = 0) {
  return enqueue(CLUSTER_QUEUE, { deploymentId }, { singletonKey: deploymentId, startAfter: afterSeconds > 0 ? Math.max(1, Math.ceil(afterSeconds)) : undefined });
}

async function runFormationJob({ deploymentId }: { deploymentId: string }) {
  // One runner per deployment across all processes: a duplicate job skips instead of forming twice.
  const locked = await withAdvisoryLock(`cluster-deployment:${deploymentId}`, () => advanceClusterDeployment(deploymentId, clusterWorkflowDeps()));
  if (!locked.acquired) return { skipped: 'another worker runs this deployment' };
  if (locked.result.state === 'waiting') await enqueueClusterFormation(deploymentId, locked.result.afterSeconds);
  return locked.result;
}

/** Re-queues every unfinished cluster deployment: after a restart, and every minute as a safety net. */
export async function resumeClusterFormations() {
  const open = await db.deployment.findMany({ where: { kind: 'cluster', status: { in: OPEN_DEPLOYMENT_STATUSES } }, select: { id: true } });
  for (const d of open) await enqueueClusterFormation(d.id);
  return open.length;
}

/** Registration for lib/jobs/workers.ts. */
export async function registerJobs() {
  await registerWorker<{ deploymentId: string }>(CLUSTER_QUEUE, runFormationJob, {
    policy: 'short',
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    expireInSeconds: getConfig().phaseTimeouts.cluster_formation + 300,
    retryLimit: 5,
  });
  await registerWorker(CLUSTER_RESUME_QUEUE, async () => ({ resumed: await resumeClusterFormations() }), { policy: 'short' });
  await scheduleCron(CLUSTER_RESUME_QUEUE, '* * * * *');
  await enqueue(CLUSTER_RESUME_QUEUE, {}, { singletonKey: 'startup' });
}
