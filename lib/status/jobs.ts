import { registerWorker, scheduleCron } from '@/lib/jobs/engine';
import { detectStuckNodes } from './stuck';

export const STUCK_DETECTION_QUEUE = 'status.detect-stuck';

/** Stuck detection every minute (pg-boss cron runs it once across all processes). */
export async function registerJobs() {
  await registerWorker(STUCK_DETECTION_QUEUE, async () => ({ marked: (await detectStuckNodes()).length }), {
    policy: 'singleton',
    retryLimit: 0,
    expireInSeconds: 120,
  });
  await scheduleCron(STUCK_DETECTION_QUEUE, '* * * * *');
}
