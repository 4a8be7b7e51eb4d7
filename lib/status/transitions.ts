import { ConflictError } from '@/lib/errors';
import { isInstallable } from './node-statuses';
import { phaseIndex, type InstallPhase, type PhaseStatus } from './phases';

/** Where a node stands in the install phases of its current run (see lib/status/README.md). */
export interface PhaseState {
  phase: InstallPhase | null;
  status: PhaseStatus | null;
}

export interface PhaseReport {
  phase: InstallPhase;
  status: PhaseStatus;
}

/** Throws a 409 unless `nodeStatus` is installable (deployed, failed, cleaned... accept no reports); the first report turns it into `deploying`. */
export function assertNodeAcceptsReports(nodeStatus: string) {
  if (!isInstallable(nodeStatus)) {
    throw new ConflictError(
      `The node is ${nodeStatus} and accepts no phase reports; reinitialize it to install again`,
      { nodeStatus },
    );
  }
}

/**
 * The ordering rules for one report against the node's current phase state. Pure; throws a 409
 * ConflictError naming the rule. Exact retries never get here (they are deduplicated first).
 *
 *  - A phase earlier than the current one may not be reported again (no going back).
 *  - The current phase may be restated (started / in_progress) or finished (completed / failed)
 *    while it runs; once completed, it may not be started, progressed, completed or failed again.
 *  - A later phase may be started, progressed or failed (phases may be skipped, and starting the
 *    next phase implicitly ends the current one), but not completed without having started.
 */
export function checkPhaseTransition(current: PhaseState, report: PhaseReport): void {
  const at = current.phase === null ? -1 : phaseIndex(current.phase);
  const to = phaseIndex(report.phase);
  if (to < at) {
    throw new ConflictError(
      `Out of order: ${report.phase} comes before the node's current phase ${current.phase}`,
      { currentPhase: current.phase, currentStatus: current.status },
    );
  }
  if (to === at && current.status === 'completed') {
    throw new ConflictError(`Out of order: ${report.phase} is already completed`, {
      currentPhase: current.phase,
      currentStatus: current.status,
    });
  }
  if (to > at && report.status === 'completed') {
    throw new ConflictError(
      `Out of order: ${report.phase} cannot complete before it has started (send status "started" first)`,
      { currentPhase: current.phase, currentStatus: current.status },
    );
  }
}
