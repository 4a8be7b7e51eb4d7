import { describe, expect, it } from 'vitest';
import { estimateProgress, expectedDurations, phaseWeights, type PhaseSeconds } from './estimates';
import { INSTALL_PHASES } from './phases';

const TIMEOUTS: PhaseSeconds = {
  ipxe_boot: 300, config_download: 120, foundation_start: 180, storage_discovery: 300, image_download: 900,
  installation: 1200, cluster_formation: 600, dns_registration: 120, health_validation: 300,
};

const stat = (phase: string, meanSeconds: number) => ({ phase, samples: 3, meanSeconds, p95Seconds: meanSeconds });

describe('expectedDurations', () => {
  it('falls back to the configured timeouts when there is no history', () => {
    const e = expectedDurations([], TIMEOUTS);
    expect(e.seconds).toEqual(TIMEOUTS);
    expect(e.totalSeconds).toBe(4020);
    expect(new Set(Object.values(e.source))).toEqual(new Set(['timeout']));
  });

  it('uses measured means and scales the timeouts of unmeasured phases by the median ratio', () => {
    // ratios: ipxe 30/300 = 0.1, config 24/120 = 0.2, installation 360/1200 = 0.3 → median 0.2
    const e = expectedDurations([stat('ipxe_boot', 30), stat('config_download', 24), stat('installation', 360)], TIMEOUTS);
    expect(e.seconds.ipxe_boot).toBe(30);
    expect(e.seconds.installation).toBe(360);
    expect(e.seconds.image_download).toBeCloseTo(180);
    expect(e.source).toMatchObject({ ipxe_boot: 'measured', image_download: 'scaled' });
  });

  it('ignores phases with too few samples and does not scale from fewer than three measured phases', () => {
    const e = expectedDurations([{ ...stat('ipxe_boot', 3), samples: 2 }, stat('config_download', 12), stat('installation', 120)], TIMEOUTS);
    expect(e.seconds.ipxe_boot).toBe(300);
    expect(e.seconds.config_download).toBe(12);
    expect(e.seconds.image_download).toBe(900);
    expect(e.source).toMatchObject({ ipxe_boot: 'timeout', config_download: 'measured' });
  });

  it('derives weights that sum to one', () => {
    const w = phaseWeights(expectedDurations([stat('installation', 100)], TIMEOUTS));
    expect(INSTALL_PHASES.reduce((s, p) => s + w[p], 0)).toBeCloseTo(1);
  });
});

describe('estimateProgress', () => {
  const history = expectedDurations(
    INSTALL_PHASES.map((p) => stat(p, 100)),
    TIMEOUTS,
  ); // nine phases of 100 s each: 900 s in all

  it('is zero with the whole duration remaining before the first phase', () => {
    expect(estimateProgress(history, { phase: null, status: null, phaseElapsedSeconds: 0 })).toEqual({ percent: 0, remainingSeconds: 900 });
  });

  it('counts completed phases by their learned weight', () => {
    expect(estimateProgress(history, { phase: 'foundation_start', status: 'completed', phaseElapsedSeconds: 0 })).toEqual({
      percent: 33,
      remainingSeconds: 600,
    });
  });

  it('uses the progress the node reports within a phase', () => {
    expect(estimateProgress(history, { phase: 'ipxe_boot', status: 'in_progress', phaseElapsedSeconds: 10, phaseProgress: 50 })).toEqual({
      percent: 5,
      remainingSeconds: 850,
    });
  });

  it('advances with elapsed time but never claims a running phase is done', () => {
    expect(estimateProgress(history, { phase: 'ipxe_boot', status: 'started', phaseElapsedSeconds: 30 })).toEqual({ percent: 3, remainingSeconds: 870 });
    const overdue = estimateProgress(history, { phase: 'ipxe_boot', status: 'started', phaseElapsedSeconds: 500 });
    expect(overdue).toEqual({ percent: 10, remainingSeconds: 800 });
  });

  it('weights phases by history, not by constants: a long installation moves the percentage', () => {
    const slowInstall = expectedDurations([...INSTALL_PHASES.filter((p) => p !== 'installation').map((p) => stat(p, 100)), stat('installation', 1700)], TIMEOUTS);
    // before installation: 5 × 100 of 2500 s
    expect(estimateProgress(slowInstall, { phase: 'image_download', status: 'completed', phaseElapsedSeconds: 0 }).percent).toBe(20);
  });
});
