import { logger } from '@/lib/log/logger';
import { startJobEngine, stopJobEngine } from './engine';

/**
 * Every area that runs background jobs adds its registration here: a function that calls
 * `registerWorker` / `scheduleCron` for its queues. Loaded lazily so that importing this file
 * from instrumentation.ts pulls in nothing until workers actually start.
 */
const REGISTRATIONS: (() => Promise<{ registerJobs: () => Promise<void> }>)[] = [
  () => import('@/lib/provisioning/jobs'),
  () => import('@/lib/clusters/jobs'),
  () => import('@/lib/status/jobs'),
  () => import('@/lib/cleanup/jobs'),
];

/** Registers every area's queues and starts polling them in this process. */
export async function startWorkers() {
  for (const load of REGISTRATIONS) {
    const mod = await load();
    await mod.registerJobs();
  }
  await startJobEngine();
}

let hooked = false;

/** On SIGTERM/SIGINT: stop workers (running jobs finish first), run `then`, exit. */
export function stopWorkersOnSignals(then?: () => Promise<void>) {
  if (hooked) return;
  hooked = true;
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping job workers');
    await stopJobEngine().catch((err) => logger.error({ err }, 'job engine stop failed'));
    await then?.().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
