import { getConfig } from '@/lib/config';
import { INSTALL_PHASES } from '@/lib/status/phases';

/** Worst case of an install: the sum of the phase timeouts (the Python original's 4020 s estimate, docs/reference/original-detailed.md §3.6). */
export function estimatedInstallSeconds(): number {
  const timeouts = getConfig().phaseTimeouts;
  return INSTALL_PHASES.reduce((sum, phase) => sum + timeouts[phase], 0);
}

export function estimatedCompletion(from = new Date()): string {
  return new Date(from.getTime() + estimatedInstallSeconds() * 1000).toISOString();
}
