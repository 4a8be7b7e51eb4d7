import type { CloudClient } from '@/lib/ibmcloud/api';

/** Side effects of a teardown, injected so tests can use the simulator, fakes and a fast clock. */
export interface CleanupContext {
  cloud: CloudClient;
  sleep: (ms: number) => Promise<void>;
  /** How often a wait re-reads the cloud. */
  pollIntervalMs: number;
  /** How long a wait (server stopped / gone, VNI detached) may take before the step fails. */
  waitTimeoutMs: number;
  /** Called while waiting so the runner's lease on the deployment stays fresh. */
  heartbeat?: () => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
