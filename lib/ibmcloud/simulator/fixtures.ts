import { crn, type SimSettings } from './context';
import { SIM_DEFAULTS, simZoneId } from '../simulation-defaults';

/**
 * The pre-made resources, rendered as IBM returns them. `base` is the VPC base URL
 * (`http://127.0.0.1:PORT/v1`) for hrefs.
 */
const CREATED = '2026-01-05T09:00:00.000Z';

export interface FixtureSubnet {
  id: string;
  name: string;
  cidr: string;
}

/** The two subnets; their CIDRs may be set (SIM_MANAGEMENT_CIDR, SIM_WORKLOAD_CIDR) to hold more nodes. */
export function fixtureSubnets(cidrs: { management?: string; workload?: string } = {}): FixtureSubnet[] {
  return [
    { ...SIM_DEFAULTS.managementSubnet, cidr: cidrs.management ?? SIM_DEFAULTS.managementSubnet.cidr },
    { ...SIM_DEFAULTS.workloadSubnet, cidr: cidrs.workload ?? SIM_DEFAULTS.workloadSubnet.cidr },
  ];
}
export const SECURITY_GROUPS = Object.values(SIM_DEFAULTS.securityGroups);

export function findSubnet(s: SimSettings, id: string) {
  return s.subnets.find((subnet) => subnet.id === id);
}

export function vpcRef(base: string, s: SimSettings) {
  const { id, name } = SIM_DEFAULTS.vpc;
  return { id, name, href: `${base}/vpcs/${id}`, crn: crn('vpc', s.region, id), resource_type: 'vpc' };
}

export function zoneRef(base: string, s: SimSettings) {
  return { name: s.zone, href: `${base}/regions/${s.region}/zones/${s.zone}` };
}

export function resourceGroupRef() {
  return { id: SIM_DEFAULTS.resourceGroupId, href: `https://resource-controller.cloud.ibm.com/v2/resource_groups/${SIM_DEFAULTS.resourceGroupId}`, name: 'Default' };
}

export function renderVpc(base: string, s: SimSettings) {
  return {
    ...vpcRef(base, s),
    created_at: CREATED,
    status: 'available',
    classic_access: false,
    dns: { enable_hub: false, resolver: { type: 'system', servers: SIM_DEFAULTS.vpc.resolvers.map((address) => ({ address })) } },
    resource_group: resourceGroupRef(),
  };
}

export function subnetRef(base: string, s: SimSettings, subnet: FixtureSubnet) {
  return { id: subnet.id, name: subnet.name, href: `${base}/subnets/${subnet.id}`, crn: crn('subnet', s.region, subnet.id), resource_type: 'subnet' };
}

export function securityGroupRef(base: string, s: SimSettings, id: string) {
  const sg = SECURITY_GROUPS.find((g) => g.id === id)!;
  return { id, name: sg.name, href: `${base}/security_groups/${id}`, crn: crn('security-group', s.region, id) };
}

export interface FixtureImage {
  id: string;
  name: string;
  user_data_format: 'ipxe' | 'cloud_init';
  os: { name: string; display_name: string };
}

/** The public iPXE image is found by `user_data_format=ipxe` (docs/reference/ibmcloud-api.md §3.6, §8). */
export const IMAGES: FixtureImage[] = [
  { ...SIM_DEFAULTS.images.ipxe, user_data_format: 'ipxe', os: { name: 'ipxe-amd64', display_name: 'iPXE (amd64)' } },
  { ...SIM_DEFAULTS.images.cloudInit, user_data_format: 'cloud_init', os: { name: 'ubuntu-24-04-amd64', display_name: 'Ubuntu Linux 24.04 LTS (amd64)' } },
];

export function renderImage(base: string, s: SimSettings, image: FixtureImage) {
  return {
    id: image.id,
    crn: crn('image', s.region, image.id),
    href: `${base}/images/${image.id}`,
    name: image.name,
    created_at: CREATED,
    status: 'available',
    visibility: 'public',
    encryption: 'none',
    file: {},
    user_data_format: image.user_data_format,
    operating_system: { ...image.os, architecture: 'amd64', href: `${base}/operating_systems/${image.os.name}`, family: image.os.name },
    resource_type: 'image',
  };
}

export function imageRef(base: string, s: SimSettings, id: string) {
  const image = IMAGES.find((i) => i.id === id)!;
  return { id, name: image.name, href: `${base}/images/${id}`, crn: crn('image', s.region, id), resource_type: 'image' };
}

export const KEYS = [SIM_DEFAULTS.sshKey];

export function dnsZone(s: SimSettings) {
  return {
    id: simZoneId(s.dnsZoneName),
    name: s.dnsZoneName,
    instance_id: SIM_DEFAULTS.dns.instanceId,
    description: 'Simulated private zone',
    label: 'nvo-sim',
    state: 'active',
    created_on: CREATED,
    modified_on: CREATED,
  };
}
