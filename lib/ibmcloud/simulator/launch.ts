import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '@/lib/config';
import { fixtureSubnets } from './fixtures';
import { startSimulator, type SimulatorHandle } from './server';

/** Where the simulator keeps its state, so it survives an app restart. */
export function simulatorStateFile(config: Config): string {
  return path.join(config.dataDir, 'simulator', 'state.json');
}

/** Simulator options from the SIM_* configuration. */
export function simulatorOptions(config: Config, log: (msg: string) => void) {
  return {
    port: config.SIM_PORT,
    apiKey: config.SIM_API_KEY,
    stateFile: simulatorStateFile(config),
    region: config.IBMCLOUD_REGION,
    zone: config.zone,
    dnsZoneName: config.DNS_ZONE_NAME,
    timeScale: config.SIM_TIME_SCALE,
    autoboot: config.SIM_AUTOBOOT,
    bareMetalQuota: config.SIM_BARE_METAL_QUOTA,
    subnets: fixtureSubnets({ management: config.SIM_MANAGEMENT_CIDR, workload: config.SIM_WORKLOAD_CIDR }),
    faults: {
      rate429: config.SIM_FAULT_429_RATE,
      rate500: config.SIM_FAULT_500_RATE,
      latencyMs: config.SIM_LATENCY_MS,
      quotaErrors: config.SIM_QUOTA_ERRORS,
      stuckServers: config.SIM_STUCK_SERVERS,
      failPhase: config.SIM_FAIL_PHASE,
      silentPhase: config.SIM_SILENT_PHASE,
      rateLimit: { perSecond: config.SIM_RATE_LIMIT, burst: config.SIM_RATE_BURST },
    },
    log,
  };
}

const PLACEHOLDER_BYTES = 256 * 1024;

/**
 * Virtual nodes download the boot images like a real machine would. With no real Nutanix CE
 * images at hand, simulation mode writes small placeholder files under their configured names
 * (only where none exists, never over a real image) so that the boot flow and its timeline run
 * end to end. Returns the names written.
 */
export async function seedPlaceholderImages(config: Config): Promise<string[]> {
  const names = [config.BOOT_KERNEL_FILE, config.BOOT_INITRD_FILE, config.BOOT_SQUASHFS_FILE, config.BOOT_INSTALLER_FILE, config.BOOT_AHV_ISO_FILE];
  await mkdir(config.bootImagesDir, { recursive: true });
  const written: string[] = [];
  for (const name of names) {
    const file = path.join(config.bootImagesDir, name);
    if (await stat(file).then(() => true, () => false)) continue;
    const banner = Buffer.from(`NVO SIMULATION PLACEHOLDER: ${name}\n`);
    await writeFile(file, Buffer.concat([banner, Buffer.alloc(PLACEHOLDER_BYTES - banner.length)]), { flag: 'wx' });
    written.push(name);
  }
  return written;
}

/**
 * In simulation mode, starts the simulator (unless IBMCLOUD_VPC_URL already points at one, e.g.
 * for a separate worker process) and returns the environment the app must inherit to use it.
 */
export async function launchSimulator(config: Config, log: (msg: string) => void): Promise<{ handle: SimulatorHandle; env: Record<string, string> } | null> {
  if (config.mode !== 'simulation' || config.IBMCLOUD_VPC_URL) return null;
  if (config.SIM_AUTOBOOT) {
    const written = await seedPlaceholderImages(config);
    if (written.length) log(`simulation: placeholder boot images written to ${config.bootImagesDir}: ${written.join(', ')}`);
  }
  const handle = await startSimulator(simulatorOptions(config, log));
  const env = {
    IBMCLOUD_IAM_URL: handle.iamUrl,
    IBMCLOUD_VPC_URL: handle.vpcUrl,
    IBMCLOUD_DNS_URL: handle.dnsUrl,
    IBMCLOUD_TAGGING_URL: handle.taggingUrl,
    IBMCLOUD_SEARCH_URL: handle.searchUrl,
    SIM_INVENTORY_URL: handle.inventoryUrl,
    SIM_CONTROL_URL: handle.controlUrl,
  };
  log(`IBM Cloud simulator on ${handle.url} (time scale ${config.SIM_TIME_SCALE}x, autoboot ${config.SIM_AUTOBOOT ? 'on' : 'off'})`);
  return { handle, env };
}
