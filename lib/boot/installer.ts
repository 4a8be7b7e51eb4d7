import { z } from 'zod';
import type { BootNode } from './boot-node';
import type { NetworkFacts } from './network-facts';
import type { StorageLayout } from './storage-layout';

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
