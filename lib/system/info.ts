import { getConfig } from '@/lib/config';
import { simulatorEndpoints } from '@/lib/config/runtime';
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
    ...(config.mode === 'simulation' ? { simulator: simulatorEndpoints() } : {}),
  };
}
