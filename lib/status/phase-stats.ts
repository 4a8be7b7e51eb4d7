import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { expectedDurations, type ExpectedDurations, type PhaseDurationStat } from './estimates';
import { INSTALL_PHASES } from './phases';

/** How many of the newest completed runs of each phase feed the statistics (older installs age out). */
export const PHASE_HISTORY_WINDOW = 200;

interface Row {
  phase: string;
  samples: number;
  mean_ms: number;
  p95_ms: number;
}

/**
 * Mean and 95th percentile (linear interpolation between ranks, PostgreSQL percentile_cont) of
 * the durations of completed install phases, over the newest PHASE_HISTORY_WINDOW per phase.
 */
export async function measuredPhaseDurations(): Promise<PhaseDurationStat[]> {
  // One short scan per phase of the partial index on completed, timed events (migration
  // 20261203150000_list_indexes), never the whole timeline.
  const rows = await db.$queryRaw<Row[]>`
    SELECT p.phase, count(*)::int AS samples, avg(r."durationMs")::float8 AS mean_ms,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY r."durationMs")::float8 AS p95_ms
    FROM unnest(${[...INSTALL_PHASES]}::text[]) AS p(phase)
    CROSS JOIN LATERAL (
      SELECT "durationMs" FROM "DeploymentEvent"
      WHERE phase = p.phase AND status = 'completed' AND "durationMs" IS NOT NULL
      ORDER BY "createdAt" DESC, id DESC
      LIMIT ${PHASE_HISTORY_WINDOW}
    ) r
    GROUP BY p.phase`;
  const byPhase = new Map(rows.map((r) => [r.phase, r]));
  return INSTALL_PHASES.filter((p) => byPhase.has(p)).map((phase) => {
    const r = byPhase.get(phase)!;
    return { phase, samples: r.samples, meanSeconds: r.mean_ms / 1000, p95Seconds: r.p95_ms / 1000 };
  });
}

/** How long a process reuses the learned durations: a statistic over 200 runs moves slowly. */
export const EXPECTED_DURATIONS_TTL_MS = 30_000;
let learned: { at: number; value: Promise<ExpectedDurations> } | undefined;

/**
 * Expected phase durations learned from history, falling back to the configured timeouts. Every
 * phase report needs them; the query behind them scans the phase history, so each process asks at
 * most every EXPECTED_DURATIONS_TTL_MS.
 */
export async function currentExpectedDurations(): Promise<ExpectedDurations> {
  const now = Date.now();
  if (!learned || now - learned.at >= EXPECTED_DURATIONS_TTL_MS) {
    const value = measuredPhaseDurations().then((m) => expectedDurations(m, getConfig().phaseTimeouts));
    learned = { at: now, value };
    value.catch(() => (learned = undefined));
  }
  return learned.value;
}

/** Forget the learned durations (tests that change the history). */
export function forgetExpectedDurations() {
  learned = undefined;
}
