/** The installer configuration GET /boot/server/{ip} serves: network facts, storage layout, image references, cluster settings. */

import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { findProfile } from '@/lib/provisioning/profiles';
import { DEFAULT_STORAGE_TEMPLATE, findStorageTemplate, templateMismatch } from '@/lib/provisioning/storage-templates';
import { nodeForInstall, type BootNode } from './boot-node';
import { recordBootFetch } from './fetch-record';
import { catalogChecksums } from './images';
import { bootImageUrl } from './urls';

/**
 * What the installer needs to know about the management subnet. Provisioning stores these facts
 * on the node (`networkConfig`, shape below) when it allocates the addresses, so that a boot
 * storm never turns into one cloud call per request; absent facts fall back to the /24-style
 * layout the IP ranges assume (gateway = network address + 1).
 */
export const nodeNetworkConfigSchema = z.object({
  management: z
    .object({
      cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/).optional(),
      gateway: z.string().optional(),
    })
    .optional(),
  dnsServers: z.array(z.string()).optional(),
});

export interface NetworkFacts {
  cidr: string;
  netmask: string;
  gateway: string;
  dnsServers: string[];
}

const toInt = (ip: string) => ip.split('.').reduce((n, octet) => (n << 8) + Number(octet), 0) >>> 0;
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

export function netmaskOf(prefix: number): string {
  return toIp(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
}

export function networkFacts(managementIp: string, stored: unknown, defaultDns: string[]): NetworkFacts {
  const parsed = nodeNetworkConfigSchema.safeParse(stored ?? {});
  const facts = parsed.success ? parsed.data : {};
  const cidr = facts.management?.cidr ?? `${toIp(toInt(managementIp) & 0xffffff00)}/24`;
  const [network, bits] = cidr.split('/');
  const prefix = Number(bits);
  const base = toInt(network) & toInt(netmaskOf(prefix));
  return {
    cidr: `${toIp(base)}/${prefix}`,
    netmask: netmaskOf(prefix),
    gateway: facts.management?.gateway ?? toIp(base + 1),
    dnsServers: facts.dnsServers?.length ? facts.dnsServers : defaultDns,
  };
}

/** How the installer uses a node's drives: boot/hypervisor/CVM device and the CVM data pool. */
export interface StorageLayout {
  profile: string;
  template: string;
  bootDisk: string;
  bootDiskModel: string;
  bootDiskSizeGb: number;
  cvmDataDisks: string[];
  reservedDisks: string[];
  raidConfig: string;
}

/**
 * Maps a profile's drives to the installer's roles through a storage template (catalogue in
 * lib/provisioning). CVM and AHV boot from the same RAID-1 M.2 device.
 */
export function storageLayout(profileName: string, templateName?: string | null): StorageLayout {
  const profile = findProfile(profileName);
  if (!profile) throw new NotFoundError(`Unknown server profile ${profileName}`);
  const template = findStorageTemplate(templateName ?? DEFAULT_STORAGE_TEMPLATE);
  if (!template) throw new NotFoundError(`Unknown storage template ${templateName}`);
  const mismatch = templateMismatch(profile, template);
  if (mismatch) throw new ValidationError(mismatch, [{ field: 'storageTemplate', message: mismatch }]);
  const drives = profile.dataDrives.devices;
  const used = drives.length - template.excludeDrives;
  return {
    profile: profile.name,
    template: template.name,
    bootDisk: profile.bootDrive.device,
    bootDiskModel: profile.bootDrive.model,
    bootDiskSizeGb: profile.bootDrive.sizeGb,
    cvmDataDisks: drives.slice(0, used),
    reservedDisks: drives.slice(used),
    raidConfig: template.raidConfig,
  };
}

export interface ImageRef {
  url: string;
  size: number | null;
  sha256: string | null;
}

export interface ClusterFacts {
  name: string;
  type: string;
  redundancyFactor: number;
  clusterIp: string | null;
  dataServicesIp: string | null;
  memberCvmIps: string[];
  firstNodeId: number;
}

export interface InstallerInputs {
  node: BootNode;
  baseUrl: string;
  dnsZone: string;
  layout: StorageLayout;
  network: NetworkFacts;
  defaults: { cvmMemoryGb: number; cvmVcpus: number };
  images: { installer: ImageRef; ahvIso: ImageRef; squashfs: ImageRef };
  cluster: ClusterFacts | null;
}

const nutanixOverrides = z.object({
  cvm_memory_gb: z.number().int().positive().optional(),
  cvm_vcpus: z.number().int().positive().optional(),
  cvm_ip: z.string().optional(),
});

/**
 * Rendering: the JSON the installer (vpc_ce_installation.py) downloads from /boot/server/{ip}.
 * Keeps every field the Python original served (docs/reference/original-detailed.md §4.3: hardware, resources, network) and adds what it computed
 * but dropped: hostnames, all node IPs, image URLs with checksums, cluster settings.
 */
export function renderInstallerConfig(i: InstallerInputs) {
  const { node, layout, network } = i;
  const overrides = nutanixOverrides.safeParse(node.nutanixConfig ?? {});
  const nutanix = overrides.success ? overrides.data : {};
  const cvmIp = node.cvmIp ?? nutanix.cvm_ip ?? node.managementIp;
  return {
    node: {
      id: node.id,
      name: node.name,
      hostname: node.name,
      fqdn: `${node.name}.${i.dnsZone}`,
      cvm_hostname: `${node.name}-cvm`,
      cluster_role: node.clusterRole,
      server_profile: layout.profile,
      storage_template: layout.template,
      management_ip: node.managementIp,
      ahv_ip: node.ahvIp,
      cvm_ip: cvmIp,
      workload_ip: node.workloadIp,
    },
    hardware: {
      model: 'CommunityEdition',
      boot_disk: layout.bootDisk,
      boot_disk_model: layout.bootDiskModel,
      boot_disk_size_gb: layout.bootDiskSizeGb,
      cvm_data_disks: layout.cvmDataDisks,
      cvm_boot_disks: [layout.bootDisk],
      hypervisor_boot_disk: layout.bootDisk,
      reserved_disks: layout.reservedDisks,
      raid_config: layout.raidConfig,
    },
    resources: {
      cvm_memory_gb: nutanix.cvm_memory_gb ?? i.defaults.cvmMemoryGb,
      cvm_vcpus: nutanix.cvm_vcpus ?? i.defaults.cvmVcpus,
    },
    network: {
      cvm_ip: cvmIp,
      cvm_netmask: network.netmask,
      cvm_gateway: network.gateway,
      ahv_ip: node.ahvIp,
      host_netmask: network.netmask,
      host_gateway: network.gateway,
      management_cidr: network.cidr,
      dns_servers: network.dnsServers,
    },
    cluster: i.cluster && {
      name: i.cluster.name,
      type: i.cluster.type,
      redundancy_factor: i.cluster.redundancyFactor,
      cluster_ip: i.cluster.clusterIp,
      data_services_ip: i.cluster.dataServicesIp,
      member_cvm_ips: i.cluster.memberCvmIps,
      first_node: i.cluster.firstNodeId === node.id,
      // The orchestrator forms the cluster over SSH once every member is installed.
      create_cluster: false,
    },
    images: {
      installer_package: i.images.installer,
      ahv_iso: i.images.ahvIso,
      squashfs: i.images.squashfs,
    },
    orchestrator: {
      base_url: i.baseUrl,
      status_url: `${i.baseUrl}/api/installation/status`,
      scripts_url: `${i.baseUrl}/boot/scripts`,
    },
  };
}

export type InstallerConfig = ReturnType<typeof renderInstallerConfig>;

async function clusterFacts(clusterId: number | null): Promise<ClusterFacts | null> {
  if (clusterId === null) return null;
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    include: { nodes: { select: { id: true, cvmIp: true }, orderBy: { id: 'asc' } } },
  });
  if (!cluster) return null;
  return {
    name: cluster.name,
    type: cluster.type,
    redundancyFactor: cluster.redundancyFactor,
    clusterIp: cluster.clusterIp,
    dataServicesIp: cluster.dataServicesIp,
    memberCvmIps: cluster.nodes.map((n) => n.cvmIp).filter((ip): ip is string => Boolean(ip)),
    firstNodeId: cluster.nodes[0]?.id ?? -1,
  };
}

/**
 * GET /boot/server/{ip}: the installer configuration for the node the token belongs to. The IP
 * in the path must be that node's management IP; another node's IP is 403 like a wrong token.
 */
export async function serveInstallerConfig(args: { nodeId: number; ip: string; token: string; sourceIp?: string | null }) {
  if (!isIPv4(args.ip)) throw new ValidationError('The server IP is invalid', [{ field: 'ip', message: 'must be an IPv4 address' }]);
  const node = await nodeForInstall(args.nodeId);
  if (!node.managementIp || node.managementIp !== args.ip) throw new ForbiddenError('This token does not belong to that server');
  const config = getConfig();
  const names = { installer: config.BOOT_INSTALLER_FILE, ahvIso: config.BOOT_AHV_ISO_FILE, squashfs: config.BOOT_SQUASHFS_FILE };
  const checksums = await catalogChecksums(Object.values(names));
  const image = (name: string): ImageRef => ({
    url: bootImageUrl(config.publicBaseUrl, name, args.token),
    size: checksums.get(name)?.size ?? null,
    sha256: checksums.get(name)?.sha256 ?? null,
  });
  const body = renderInstallerConfig({
    node,
    baseUrl: config.publicBaseUrl,
    dnsZone: config.DNS_ZONE_NAME,
    layout: storageLayout(node.serverProfile, node.storageTemplate),
    network: networkFacts(node.managementIp, node.networkConfig, config.INSTALLER_DNS_SERVERS),
    defaults: { cvmMemoryGb: config.CVM_MEMORY_GB, cvmVcpus: config.CVM_VCPUS },
    images: { installer: image(names.installer), ahvIso: image(names.ahvIso), squashfs: image(names.squashfs) },
    cluster: await clusterFacts(node.clusterId),
  });
  await recordBootFetch({
    nodeId: node.id, status: 'completed', asset: 'boot/server', httpStatus: 200, phaseStarted: 'config_download', currentPhase: node.phase,
    message: `Installer configuration delivered to ${node.managementIp}`, sourceIp: args.sourceIp,
  });
  return body;
}
