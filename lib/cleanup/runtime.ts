import { getConfig } from '@/lib/config';
import type { DnsZone } from '@/lib/dns/records';
import { asDomainError, cloudSettings, getCloudClient } from '@/lib/ibmcloud';
import { enqueue } from '@/lib/jobs/engine';
import { realSleep, type CleanupContext } from './context';
import type { InventoryScope } from './drift/inventory';
import { reconcile } from './drift/reconcile';
import type { CleanupDeps } from './targets';

export const CLEANUP_QUEUE = 'cleanup.node';
export const FINDING_QUEUE = 'cleanup.finding';
export const RECONCILE_QUEUE = 'cleanup.reconcile';

/** The application's wiring of the cleanup domain: the configured cloud, the job queue, the clock. */
export function cleanupContext(): CleanupContext {
  const config = getConfig();
  return {
    cloud: getCloudClient(config),
    sleep: realSleep,
    pollIntervalMs: config.mode === 'simulation' ? 1000 : 10_000,
    waitTimeoutMs: config.CLEANUP_WAIT_TIMEOUT * 1000,
  };
}

export function cleanupDeps(): CleanupDeps {
  return {
    enqueueNode: (deploymentId) => enqueue(CLEANUP_QUEUE, { deploymentId }, { singletonKey: deploymentId }),
    enqueueFinding: (findingId) => enqueue(FINDING_QUEUE, { findingId }, { singletonKey: String(findingId) }),
    cloud: getCloudClient(getConfig()),
  };
}

export function driftScope(): InventoryScope {
  const config = getConfig();
  const s = cloudSettings(config);
  return { prefix: config.RESOURCE_PREFIX, vpcId: s.vpcId, subnetIds: [s.managementSubnetId, s.workloadSubnetId], zoneName: s.dnsZoneName };
}

export function dnsZone(): DnsZone {
  const config = getConfig();
  const s = cloudSettings(config);
  return { dns: getCloudClient(config).dns, zoneId: s.dnsZoneId, zoneName: s.dnsZoneName };
}

export function cloudClient() {
  return getCloudClient(getConfig());
}

/** A reconciliation on an operator's request: an unreachable cloud is unavailable, not a crash. */
export function reconcileNow() {
  return reconcile(cloudClient(), driftScope()).catch((err) => {
    throw asDomainError(err);
  });
}
