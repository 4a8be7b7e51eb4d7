import { getConfig, type Config } from '@/lib/config';
import type { Deployment, DeploymentStep, Node } from '@/lib/db/generated/client';
import { cloudSettings, getCloudClient, type CloudClient, type CloudSettings } from '@/lib/ibmcloud';
import { logger, type Logger } from '@/lib/log/logger';

/** What workflow code needs from outside: the cloud, its ids, config, clock. Tests substitute. */
export interface WorkflowDeps {
  cloud: CloudClient;
  settings: CloudSettings;
  config: Config;
  now: () => Date;
  log: Logger;
  /** Real milliseconds between polls of something slow (server state). */
  pollMs: number;
  /**
   * Milliseconds between looks at a node that is installing (default pollMs). Its reports wake
   * the deployment at once (wake.ts), so this only bounds how late a missed wake-up or a stuck
   * node is noticed.
   */
  watchMs?: number;
}

export function defaultDeps(): WorkflowDeps {
  const config = getConfig();
  return {
    cloud: getCloudClient(config),
    settings: cloudSettings(config),
    config,
    now: () => new Date(),
    log: logger.child({ component: 'workflow' }),
    pollMs: config.mode === 'simulation' ? 1000 : 10_000,
    watchMs: 30_000,
  };
}

export interface StepContext extends WorkflowDeps {
  deployment: Deployment;
  node: Node;
  step: DeploymentStep;
}

/** A step either finished (with output kept on the step row) or asks to be run again later. */
export type StepResult = { status: 'done'; output?: Record<string, unknown> } | { status: 'wait'; delayMs: number };

export interface StepDefinition {
  name: string;
  run(ctx: StepContext): Promise<StepResult>;
  /**
   * Once done, the run gives its job loop back and the deployment queues again behind those
   * waiting (pg-boss takes the oldest first): with hundreds provisioned at once, every server is
   * created before any deployment spends its loop on what follows.
   */
  thenYield?: boolean;
}

export const done = (output?: Record<string, unknown>): StepResult => ({ status: 'done', output });
export const wait = (delayMs: number): StepResult => ({ status: 'wait', delayMs });

/** A failure no retry can fix (timeout, server failed, node reported failure): compensate now. */
export class PermanentStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentStepError';
  }
}
