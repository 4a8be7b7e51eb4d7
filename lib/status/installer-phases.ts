import { ValidationError } from '@/lib/errors';
import type { InstallPhase, PhaseStatus } from './phases';

/**
 * What one call of the Python original's installer means in our phase model. The installer
 * (vpc_ce_installation.py) numbers its steps 1-8 and sends -1 for log lines; the server-side
 * labels of the original are kept as names (docs/reference/original-detailed.md §1.4, §4.5). vpc_init sends word phases before the installer runs.
 */
export type InstallerStep =
  | { kind: 'log' }
  | { kind: 'failed' }
  | { kind: 'phase'; label: string; phase: InstallPhase; status: PhaseStatus };

const NUMBERED: Record<number, { label: string; phase: InstallPhase; status: PhaseStatus }> = {
  1: { label: 'INITIALIZING', phase: 'ipxe_boot', status: 'in_progress' },
  2: { label: 'DOWNLOADING_CONFIG', phase: 'config_download', status: 'started' },
  3: { label: 'VALIDATING_CONFIG', phase: 'foundation_start', status: 'started' },
  4: { label: 'DOWNLOADING_PACKAGES', phase: 'image_download', status: 'started' },
  5: { label: 'INSTALLING_HYPERVISOR', phase: 'installation', status: 'started' },
  6: { label: 'RUNNING_NUX_INSTALL', phase: 'installation', status: 'in_progress' },
  7: { label: 'VERIFYING', phase: 'installation', status: 'in_progress' },
  8: { label: 'REBOOTING', phase: 'installation', status: 'completed' },
};

/**
 * vpc_init's word phases, sent while the live system boots (ipxe_boot, before the installer's
 * own step 1). Its closing words (install_complete, reboot) follow step 8 and are kept as log lines.
 */
const BOOT_WORDS = ['driver_load', 'driver_success', 'boot', 'download_start', 'download_complete', 'mount_success', 'overlay_ready', 'install_start', 'python_exec'];
const LOG_WORDS = ['install_complete', 'reboot'];

const LABELS = Object.fromEntries(Object.entries(NUMBERED).map(([n, v]) => [v.label, Number(n)]));
// The Python original's own label for 7 was REBOOTING (its numbering was off by one); accept it as 8.
LABELS.REBOOTING = 8;


/** Maps the `phase` field of POST /api/installation/status; unknown values are a 422 on `phase`. */
export function installerStep(phase: number | string): InstallerStep {
  const text = String(phase).trim();
  if (text === '-1' || text.toUpperCase() === 'LOG' || LOG_WORDS.includes(text.toLowerCase())) return { kind: 'log' };
  if (text.toLowerCase() === 'error' || text.toUpperCase() === 'FAILED') return { kind: 'failed' };
  const number = /^\d+$/.test(text) ? Number(text) : LABELS[text.toUpperCase()];
  if (number !== undefined && NUMBERED[number]) return { kind: 'phase', ...NUMBERED[number] };
  if (BOOT_WORDS.includes(text.toLowerCase())) return { kind: 'phase', label: text.toLowerCase(), phase: 'ipxe_boot', status: 'in_progress' };
  throw new ValidationError('The request body is invalid', [
    { field: 'phase', message: 'unknown installer phase; expected -1 (log), 1-8, error, or a vpc_init phase name' },
  ]);
}
