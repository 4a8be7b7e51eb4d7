import { isConflict } from '@/lib/ibmcloud/errors';
import type { CleanupContext } from './context';

export class CleanupTimeoutError extends Error {
  constructor(what: string, seconds: number) {
    super(`${what} did not happen within ${seconds} s`);
    this.name = 'CleanupTimeoutError';
  }
}

/**
 * Re-runs `attempt` every poll interval until it returns true, heartbeating the lease between
 * tries. 409 conflicts (a state IBM will leave on its own: a server still stopping, a VNI still
 * attached) are waited out; anything else is thrown at once (the client has already retried
 * retryable errors; the job engine retries the step later).
 */
export async function waitUntil(ctx: CleanupContext, what: string, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ctx.waitTimeoutMs;
  for (;;) {
    try {
      if (await attempt()) return;
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
    if (Date.now() >= deadline) throw new CleanupTimeoutError(what, Math.round(ctx.waitTimeoutMs / 1000));
    await ctx.heartbeat?.();
    await ctx.sleep(ctx.pollIntervalMs);
  }
}
