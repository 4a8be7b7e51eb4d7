import type { Config } from '@/lib/config';
import { SIM_DEFAULTS, simZoneId } from './simulation-defaults';
import type { CloudEndpoints, CloudSettings } from './types';

/**
 * The cloud ids the orchestrator works with. In cloud mode they all come from config (loadConfig
 * already insisted on the required ones); in simulation mode every unset one resolves to the
 * simulator's pre-made resource, so zero configuration works.
 */
export function cloudSettings(config: Config): CloudSettings {
  const sim = config.mode === 'simulation';
  const pick = (value: string | undefined, simValue: string) => value ?? (sim ? simValue : '');
  const sg = SIM_DEFAULTS.securityGroups;
  return {
    mode: config.mode,
    region: config.IBMCLOUD_REGION,
    zone: config.zone,
    vpcId: pick(config.VPC_ID, SIM_DEFAULTS.vpc.id),
    resourceGroupId: pick(config.RESOURCE_GROUP_ID, SIM_DEFAULTS.resourceGroupId),
    managementSubnetId: pick(config.MANAGEMENT_SUBNET_ID, SIM_DEFAULTS.managementSubnet.id),
    workloadSubnetId: pick(config.WORKLOAD_SUBNET_ID, SIM_DEFAULTS.workloadSubnet.id),
    managementSecurityGroupId: pick(config.MANAGEMENT_SECURITY_GROUP_ID, sg.management.id),
    workloadSecurityGroupId: pick(config.WORKLOAD_SECURITY_GROUP_ID, sg.workload.id),
    intraNodeSecurityGroupId: pick(config.INTRA_NODE_SECURITY_GROUP_ID, sg.intraNode.id),
    sshKeyId: pick(config.SSH_KEY_ID, SIM_DEFAULTS.sshKey.id),
    ipxeImageId: pick(config.IPXE_IMAGE_ID, SIM_DEFAULTS.images.ipxe.id),
    dnsInstanceId: pick(config.DNS_INSTANCE_ID, SIM_DEFAULTS.dns.instanceId),
    dnsZoneId: pick(config.DNS_ZONE_ID, simZoneId(config.DNS_ZONE_NAME)),
    dnsZoneName: config.DNS_ZONE_NAME,
  };
}

/**
 * Service URLs. Explicit config wins; otherwise the real public endpoints for the region
 * (docs/reference/ibmcloud-api.md §1.1, §2, §6.1). In simulation mode the launcher sets the IBMCLOUD_*_URL variables
 * to the simulator before the app starts.
 */
export function cloudEndpoints(config: Config): CloudEndpoints {
  // The simulator serves tagging and search on its own root, where it also answers IAM.
  const simRoot = config.mode === 'simulation' ? config.IBMCLOUD_IAM_URL?.replace(/\/+$/, '') : undefined;
  return {
    iamUrl: config.IBMCLOUD_IAM_URL ?? 'https://iam.cloud.ibm.com',
    vpcUrl: config.IBMCLOUD_VPC_URL ?? `https://${config.IBMCLOUD_REGION}.iaas.cloud.ibm.com/v1`,
    dnsUrl: config.IBMCLOUD_DNS_URL ?? 'https://api.dns-svcs.cloud.ibm.com/v1',
    taggingUrl: config.IBMCLOUD_TAGGING_URL ?? (simRoot ? `${simRoot}/tagging` : 'https://tags.global-search-tagging.cloud.ibm.com'),
    searchUrl: config.IBMCLOUD_SEARCH_URL ?? (simRoot ? `${simRoot}/search` : 'https://api.global-search-tagging.cloud.ibm.com'),
  };
}
