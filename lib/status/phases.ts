/**
 * The installer phases a node reports, in order (names as in the original system), with the
 * default timeout in seconds from the original (overridable per phase by TIMEOUT_<PHASE>).
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

export function isInstallPhase(value: string): value is InstallPhase {
  return (INSTALL_PHASES as readonly string[]).includes(value);
}

export function phaseIndex(phase: string): number {
  return (INSTALL_PHASES as readonly string[]).indexOf(phase);
}
