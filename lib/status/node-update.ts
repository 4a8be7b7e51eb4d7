import type { Prisma } from '@/lib/db/client';
import { estimateProgress, type ExpectedDurations } from './estimates';
import { phaseLabel, type InstallPhase, type PhaseStatus } from './phases';
import type { EventSource } from './timeline';

export const FINAL_PHASE: InstallPhase = 'health_validation';

interface Report {
  phase: InstallPhase;
  status: PhaseStatus;
  message?: string;
  progress?: number;
  source?: EventSource;
}

/**
 * The node columns one accepted phase report changes (transitions documented in
 * lib/status/README.md): `failed` → node failed with the reason; the final phase completed →
 * deployed; anything else → deploying. Phase and progress follow the report; lastSeenAt moves
 * only when the node itself called.
 */
export function nodeUpdateForReport(
  node: { progress: number },
  report: Report,
  expected: ExpectedDurations,
  now: Date,
): Prisma.NodeUpdateInput & { progress?: number } {
  const message = report.message?.trim() || `${phaseLabel(report.phase)} ${report.status.replace('_', ' ')}`;
  const seen = (report.source ?? 'node') === 'node' ? { lastSeenAt: now } : {};
  if (report.status === 'failed') {
    return {
      ...seen,
      phase: report.phase,
      status: 'failed',
      statusMessage: message,
      failureReason: `${report.phase} failed: ${message}`,
      failedStep: report.phase,
      progress: node.progress,
    };
  }
  if (report.phase === FINAL_PHASE && report.status === 'completed') {
    return { ...seen, phase: report.phase, status: 'deployed', statusMessage: message, progress: 100, deployedAt: now };
  }
  const { percent } = estimateProgress(expected, {
    phase: report.phase,
    status: report.status,
    phaseElapsedSeconds: 0,
    phaseProgress: report.progress,
  });
  return { ...seen, phase: report.phase, status: 'deploying', statusMessage: message, progress: percent };
}
