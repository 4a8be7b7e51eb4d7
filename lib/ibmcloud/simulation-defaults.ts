/**
 * The resources every simulator starts with: what an operator would have created by hand in a
 * real account before using the orchestrator (docs/ibm-cloud.md). Ids are fixed so that
 * simulation-mode config defaults (lib/ibmcloud/settings.ts) and persisted state agree across
 * restarts. Plain data shared by both sides, so the production client never imports the simulator. They follow IBM's shapes (region-prefixed VPC ids, `zone:uuid` DNS zone ids).
 */
export const SIM_DEFAULTS = {
  accountId: 'sim0000000000000000000000000000a',
  apiKey: 'sim-api-key',
  resourceGroupId: 'sim-rg-0000000000000000000000000001',
  vpc: { id: 'r006-sim-vpc-0001', name: 'nvo-sim-vpc', resolvers: ['161.26.0.10', '161.26.0.11'] },
  managementSubnet: { id: '0717-sim-subnet-mgmt', name: 'nvo-sim-management', cidr: '10.240.0.0/24' },
  workloadSubnet: { id: '0717-sim-subnet-workload', name: 'nvo-sim-workload', cidr: '10.240.1.0/24' },
  securityGroups: {
    management: { id: 'r006-sim-sg-management', name: 'nvo-sim-management-sg' },
    workload: { id: 'r006-sim-sg-workload', name: 'nvo-sim-workload-sg' },
    intraNode: { id: 'r006-sim-sg-intra-node', name: 'nvo-sim-intra-node-sg' },
  },
  sshKey: { id: 'r006-sim-key-0001', name: 'nvo-sim-key' },
  images: {
    ipxe: { id: 'r006-sim-image-ipxe', name: 'ibm-ipxe-20240326-amd64-1' },
    cloudInit: { id: 'r006-sim-image-ubuntu', name: 'ibm-ubuntu-24-04-minimal-amd64-1' },
  },
  dns: {
    instanceId: '5f0a7b8e-5c1e-4b8a-9a4e-000000000001',
    zoneUuid: '0c9b2f3a-1d2e-4f5a-8b6c-000000000001',
  },
} as const;

/** DNS zone ids look like `<zone name>:<uuid>` (docs/reference/ibmcloud-api.md §6.1). */
export function simZoneId(zoneName: string): string {
  return `${zoneName}:${SIM_DEFAULTS.dns.zoneUuid}`;
}
