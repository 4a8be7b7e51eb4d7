import { subscribe, type BusMessage } from '@/lib/bus';
import { logger } from '@/lib/log/logger';
import type { WorkflowDeps } from './context';
import type { RunOutcome } from './workflow';

/** Runs waiting at once in one process; the rest queue (each is a few queries). */
const MAX_RUNNING = 4;
/** A deployment another run holds is tried again this often, so a run that read too early is caught. */
const BUSY_RETRY_MS = 300;
const BUSY_RETRIES = 10;

export interface WakeDeps {
  /** runDeploymentIfFree: null when another run holds the deployment. */
  run: (deploymentId: string, deps: WorkflowDeps) => Promise<RunOutcome | null>;
  /** Queues the deployment's next run (a job; at most one waits per deployment). */
  schedule: (deploymentId: string, delayMs: number) => Promise<unknown>;
  deps: () => WorkflowDeps;
}

const log = logger.child({ component: 'deployment-wake' });

/**
 * Wakes a deployment as soon as its node reports what its waiting steps wait for (the node became
 * deployed or failed; see `wake` in apply-phase-report.ts), instead of at the step's next look:
 * one run then takes it through wait_boot and install to the end. The looks stay, 30 s apart, as
 * the safety net for a wake-up missed (the bus is at-most-once) and to notice a silent node.
 * Returns the unsubscribe function.
 */
export function wakeDeploymentsOnNodeReports(wake: WakeDeps): () => void {
  const queued = new Map<string, number>(); // deploymentId → busy retries so far
  const running = new Set<string>();

  function pump() {
    for (const [id, tries] of queued) {
      if (running.size >= MAX_RUNNING) return;
      if (running.has(id)) continue;
      queued.delete(id);
      running.add(id);
      void runOnce(id, tries).finally(() => {
        running.delete(id);
        pump();
      });
    }
  }

  async function runOnce(id: string, tries: number) {
    try {
      const outcome = await wake.run(id, wake.deps());
      if (outcome === null) {
        if (tries < BUSY_RETRIES) setTimeout(() => add(id, tries + 1), BUSY_RETRY_MS).unref?.();
        return;
      }
      if (outcome.next === 'run') await wake.schedule(id, outcome.delayMs);
    } catch (err) {
      // The deployment's queued job runs it again; a wake-up is only a shortcut.
      log.warn({ err, deploymentId: id }, 'waking the deployment failed');
    }
  }

  function add(id: string, tries = 0) {
    if (!queued.has(id)) queued.set(id, tries);
    pump();
  }

  return subscribe('deployment', (m: BusMessage) => {
    const { deploymentId, wake: wanted } = m.data as { deploymentId?: unknown; wake?: unknown };
    if (wanted === true && typeof deploymentId === 'string') add(deploymentId);
  });
}
