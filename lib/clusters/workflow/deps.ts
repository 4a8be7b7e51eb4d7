import { getConfig, type Config } from '@/lib/config';
import { cloudSettings, getCloudClient } from '@/lib/ibmcloud';
import type { AddressDeps } from '../addresses';
import type { ClusterDnsDeps } from '../dns';
import { clusterFormerFor, type ClusterFormer } from '../former';

/** Everything the cluster workflow touches outside the database; tests substitute parts. */
export interface ClusterWorkflowDeps {
  former: ClusterFormer;
  addresses: AddressDeps;
  dns: ClusterDnsDeps;
  /** DNS servers for a cluster whose request named none. */
  defaultDnsServers: () => Promise<string[]>;
  /** Real seconds the members may take to be deployed (simulated time already scaled). */
  memberTimeoutSeconds: number;
  /** Real seconds between member checks. */
  pollSeconds: number;
  now: () => Date;
}

/** Real time for a duration stated in real-world seconds: simulated time runs SIM_TIME_SCALE faster. */
export function scaledSeconds(config: Config, seconds: number) {
  return config.mode === 'simulation' ? seconds / config.SIM_TIME_SCALE : seconds;
}

export function clusterWorkflowDeps(config: Config = getConfig()): ClusterWorkflowDeps {
  const cloud = getCloudClient(config);
  const settings = cloudSettings(config);
  return {
    former: clusterFormerFor(config),
    addresses: { vpc: cloud.vpc, settings, config },
    dns: { dns: cloud.dns, zoneId: settings.dnsZoneId, zoneName: settings.dnsZoneName },
    defaultDnsServers: async () => (config.CLUSTER_DNS_SERVERS.length ? config.CLUSTER_DNS_SERVERS : cloud.vpc.getVpcDnsResolvers(settings.vpcId)),
    memberTimeoutSeconds: scaledSeconds(config, config.CLUSTER_MEMBER_TIMEOUT),
    pollSeconds: scaledSeconds(config, config.CLUSTER_POLL_SECONDS),
    now: () => new Date(),
  };
}
