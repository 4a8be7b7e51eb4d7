import { INSTALL_PHASES, phaseIndex, type InstallPhase, type PhaseStatus } from './phases';

/** Measured duration of one phase over past deployments (completed phases only). */
export interface PhaseDurationStat {
  phase: string;
  samples: number;
  meanSeconds: number;
  p95Seconds: number;
}

export type PhaseSeconds = Record<InstallPhase, number>;

export interface ExpectedDurations {
  seconds: PhaseSeconds;
  /** measured: mean of past runs; scaled: timeout × typical measured/timeout ratio; timeout: no history at all. */
  source: Record<InstallPhase, 'measured' | 'scaled' | 'timeout'>;
  totalSeconds: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A phase counts as measured from this many completed samples on. */
export const MIN_PHASE_SAMPLES = 3;
/** Unmeasured phases are scaled only when at least this many phases are measured. */
export const MIN_MEASURED_PHASES_TO_SCALE = 3;

/**
 * How long each phase is expected to take: the mean of measured durations where there is enough
 * history; for phases without, the configured timeout scaled by the median measured/timeout
 * ratio of the measured phases (so a lab whose installs run at a tenth of the timeouts does not
 * mix measured minutes with timeout-sized guesses), once enough phases are measured to trust
 * that ratio; otherwise the configured timeouts.
 */
export function expectedDurations(stats: PhaseDurationStat[], timeouts: PhaseSeconds, minSamples = MIN_PHASE_SAMPLES): ExpectedDurations {
  const measured = new Map(stats.filter((s) => s.samples >= minSamples && s.meanSeconds > 0).map((s) => [s.phase, s.meanSeconds]));
  const measuredRatios = INSTALL_PHASES.filter((p) => measured.has(p)).map((p) => measured.get(p)! / timeouts[p]);
  const ratios = measuredRatios.length >= MIN_MEASURED_PHASES_TO_SCALE ? measuredRatios : [];
  const ratio = ratios.length ? median(ratios) : 1;
  const seconds = {} as PhaseSeconds;
  const source = {} as ExpectedDurations['source'];
  for (const phase of INSTALL_PHASES) {
    const mean = measured.get(phase);
    seconds[phase] = mean ?? timeouts[phase] * ratio;
    source[phase] = mean !== undefined ? 'measured' : ratios.length ? 'scaled' : 'timeout';
  }
  const totalSeconds = INSTALL_PHASES.reduce((sum, p) => sum + seconds[p], 0);
  return { seconds, source, totalSeconds };
}

/** Share of the whole install each phase represents (sums to 1). */
export function phaseWeights(expected: ExpectedDurations): PhaseSeconds {
  const weights = {} as PhaseSeconds;
  for (const p of INSTALL_PHASES) weights[p] = expected.seconds[p] / expected.totalSeconds;
  return weights;
}

export interface InstallPosition {
  phase: InstallPhase | null;
  status: PhaseStatus | null;
  /** Seconds since the current phase started (or since the previous one completed). */
  phaseElapsedSeconds: number;
  /** Progress within the phase reported by the node, 0-100. */
  phaseProgress?: number | null;
}

export interface ProgressEstimate {
  percent: number;
  remainingSeconds: number;
}

/** Time-based share of a running phase is capped: without a completion we never claim it is done. */
const RUNNING_PHASE_CAP = 0.95;

/** Overall progress and time remaining from a node's position and the expected phase durations. */
export function estimateProgress(expected: ExpectedDurations, pos: InstallPosition): ProgressEstimate {
  const { seconds, totalSeconds } = expected;
  if (pos.phase === null) return { percent: 0, remainingSeconds: totalSeconds };
  const at = phaseIndex(pos.phase);
  const before = INSTALL_PHASES.slice(0, at).reduce((sum, p) => sum + seconds[p], 0);
  const after = INSTALL_PHASES.slice(at + 1).reduce((sum, p) => sum + seconds[p], 0);
  const own = seconds[pos.phase];
  let fraction: number;
  let ownRemaining: number;
  if (pos.status === 'completed') {
    fraction = 1;
    ownRemaining = 0;
  } else if (pos.phaseProgress !== undefined && pos.phaseProgress !== null) {
    fraction = Math.min(Math.max(pos.phaseProgress, 0), 100) / 100;
    ownRemaining = own * (1 - fraction);
  } else {
    fraction = Math.min(pos.phaseElapsedSeconds / own, RUNNING_PHASE_CAP);
    ownRemaining = Math.max(own - pos.phaseElapsedSeconds, 0);
  }
  const percent = Math.floor((100 * (before + own * fraction)) / totalSeconds);
  return { percent: Math.min(Math.max(percent, 0), 100), remainingSeconds: Math.round(after + ownRemaining) };
}
