/**
 * The installer phases a node reports, in order (names and default timeouts in seconds as in
 * the Python original, docs/reference/original-detailed.md §5.1; overridable per phase by TIMEOUT_<PHASE>).
 */
export const INSTALL_PHASES = [
  'ipxe_boot',
  'config_download',
  'foundation_start',
  'storage_discovery',
  'image_download',
  'installation',
  'cluster_formation',
  'dns_registration',
  'health_validation',
] as const;

export type InstallPhase = (typeof INSTALL_PHASES)[number];

/** Phases a node reports only after the installer rebooted it into AHV from its own disk. */
export const POST_INSTALL_PHASES = ['cluster_formation', 'dns_registration', 'health_validation'] as const;

/** Orchestrator-side phases that also appear in a node's timeline. */
export const ORCHESTRATOR_PHASES = [
  'provisioning',
  'allocate_ips',
  'create_vnis',
  'register_dns',
  'create_server',
  'wait_running',
  'ibm_cloud_status',
  'boot_asset',
  'deployed',
  'failed',
  'stuck',
  'cleanup',
  'reinitialize',
] as const;

/** The statuses of a phase in the timeline (DeploymentEvent.status). */
export const PHASE_STATUSES = ['started', 'in_progress', 'completed', 'failed'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/**
 * Status words accepted from callers, mapped onto PHASE_STATUSES. The Python original's installer and
 * its scripts said `success`, `starting`, `error`; we keep accepting them.
 */
export const STATUS_ALIASES: Record<string, PhaseStatus> = {
  started: 'started',
  starting: 'started',
  start: 'started',
  in_progress: 'in_progress',
  running: 'in_progress',
  progress: 'in_progress',
  completed: 'completed',
  complete: 'completed',
  success: 'completed',
  succeeded: 'completed',
  done: 'completed',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
};

export function isInstallPhase(value: string): value is InstallPhase {
  return (INSTALL_PHASES as readonly string[]).includes(value);
}

export function phaseIndex(phase: string): number {
  return (INSTALL_PHASES as readonly string[]).indexOf(phase);
}

/** The phase after `phase`, or null after the last one. */
export function nextInstallPhase(phase: InstallPhase): InstallPhase | null {
  return INSTALL_PHASES[phaseIndex(phase) + 1] ?? null;
}

const ACRONYMS: Record<string, string> = { ipxe: 'iPXE', dns: 'DNS', ibm: 'IBM', ip: 'IP', ips: 'IPs', vnis: 'VNIs' };

/** Human label: `image_download` → `Image download`, `ipxe_boot` → `iPXE boot`. */
export function phaseLabel(phase: string): string {
  const words = phase.split('_').map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? '';
  words[0] = ACRONYMS[phase.split('_')[0]] ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}
