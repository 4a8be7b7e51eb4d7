import { metrics } from './registry';

/** Observes how long a completed install phase took. */
export function observePhaseDuration(phase: string, seconds: number) {
  if (Number.isFinite(seconds) && seconds >= 0) metrics().phaseDuration.observe({ phase }, seconds);
}
