import type { StatusTagColour } from './node-statuses';

/**
 * Every deployment status (provision, reinitialize, cleanup and cluster runs alike) and what it
 * means; each list of deployment statuses elsewhere is derived from this table.
 */
export const DEPLOYMENT_STATUS_TABLE = {
  /** Queued; no worker has started it yet. */
  pending: { tag: 'gray', open: true, finished: false },
  running: { tag: 'blue', open: true, finished: false },
  /** Failed, and its cloud resources are being torn down before it ends `failed`. */
  compensating: { tag: 'purple', open: false, finished: false },
  succeeded: { tag: 'green', open: false, finished: true },
  failed: { tag: 'red', open: false, finished: true },
  cancelled: { tag: 'gray', open: false, finished: true },
} as const satisfies Record<string, { tag: StatusTagColour; open: boolean; finished: boolean }>;

export type DeploymentStatus = keyof typeof DEPLOYMENT_STATUS_TABLE;

export const DEPLOYMENT_STATUSES = Object.keys(DEPLOYMENT_STATUS_TABLE) as [DeploymentStatus, ...DeploymentStatus[]];
const where = (test: (m: (typeof DEPLOYMENT_STATUS_TABLE)[DeploymentStatus]) => boolean) => DEPLOYMENT_STATUSES.filter((s) => test(DEPLOYMENT_STATUS_TABLE[s]));

/** Queued or running: a worker will still move it (cancelling targets these). */
export const OPEN_DEPLOYMENT_STATUSES = where((m) => m.open);
/** Terminal: nothing will change it again. */
export const FINISHED_DEPLOYMENT_STATUSES = where((m) => m.finished);
/** Open or compensating: a worker still owns it. */
export const UNFINISHED_DEPLOYMENT_STATUSES = where((m) => !m.finished);

export function isFinishedDeployment(status: string): boolean {
  return (FINISHED_DEPLOYMENT_STATUSES as readonly string[]).includes(status);
}

export function deploymentTag(status: string): StatusTagColour | undefined {
  return Object.hasOwn(DEPLOYMENT_STATUS_TABLE, status) ? DEPLOYMENT_STATUS_TABLE[status as DeploymentStatus].tag : undefined;
}
