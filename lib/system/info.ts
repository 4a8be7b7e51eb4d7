import { getConfig } from '@/lib/config';
import { APP_VERSION } from '@/lib/config/version';
import { databaseRecentlyUp } from '@/lib/db/health';

export async function healthReport() {
  const database = (await databaseRecentlyUp()) ? 'up' : 'down';
  return {
    status: database === 'up' ? 'ok' : 'unavailable',
    database,
    version: APP_VERSION,
    mode: getConfig().mode,
  } as const;
}

/** Simulator endpoints are set by the launcher (scripts/start.ts) when it starts the simulator. */
function simulatorInfo() {
  const vpcUrl = process.env.IBMCLOUD_VPC_URL;
  const dnsUrl = process.env.IBMCLOUD_DNS_URL;
  const inventoryUrl = process.env.SIM_INVENTORY_URL;
  return vpcUrl && dnsUrl && inventoryUrl ? { vpcUrl, dnsUrl, inventoryUrl } : null;
}

export function appInfo() {
  const config = getConfig();
  return {
    name: 'Nutanix VPC Orchestrator',
    version: APP_VERSION,
    mode: config.mode,
    publicBaseUrl: config.publicBaseUrl,
    region: config.IBMCLOUD_REGION,
    zone: config.zone,
    dnsZone: config.DNS_ZONE_NAME,
    ...(config.mode === 'simulation' ? { simulator: simulatorInfo() } : {}),
  };
}
