/**
 * Bare-metal profiles the orchestrator knows (docs/reference/original-detailed.md §8.1; IBM has no API that tells which drive
 * is the RAID-1 boot pair, so the drive layout is kept here). Gen2 `d` profiles carry 8 × 3.2 TB
 * NVMe data drives behind a 960 GB boot pair; gen3 ones 4 × 7.68 TB behind 480 GB.
 */
export type ClusterRole = 'compute' | 'storage' | 'compute-storage';

export interface ServerProfile {
  name: string;
  displayName: string;
  family: 'balanced' | 'compute' | 'memory' | 'very-high-memory';
  generation: 'gen2' | 'gen3';
  vcpus: number;
  cpuCores: number;
  memoryGb: number;
  bootDrive: { device: string; sizeGb: number; model: string };
  dataDrives: { devices: string[]; sizeTb: number };
  recommendedRole: ClusterRole;
}

const GEN2 = { bootDrive: { device: 'nvme0n1', sizeGb: 960, model: 'Micron_7450_PRO' }, drives: 8, sizeTb: 3.2 };
const GEN3 = { bootDrive: { device: 'nvme0n1', sizeGb: 480, model: 'Micron_7450_MTFD' }, drives: 4, sizeTb: 7.68 };

function profile(
  name: string,
  displayName: string,
  family: ServerProfile['family'],
  recommendedRole: ClusterRole = 'compute-storage',
): ServerProfile {
  const [, shape] = name.split('-metal-');
  const [vcpus, memoryGb] = shape.split('x').map(Number);
  const generation = name.includes('3d-') ? 'gen3' : 'gen2';
  const layout = generation === 'gen3' ? GEN3 : GEN2;
  return {
    name,
    displayName,
    family,
    generation,
    vcpus,
    cpuCores: vcpus / 2,
    memoryGb,
    bootDrive: layout.bootDrive,
    dataDrives: { devices: Array.from({ length: layout.drives }, (_, i) => `nvme${i + 1}n1`), sizeTb: layout.sizeTb },
    recommendedRole,
  };
}

export const SERVER_PROFILES: readonly ServerProfile[] = [
  profile('bx2d-metal-24x96', 'Balanced Gen2 · 24 vCPU · 96 GB', 'balanced'),
  profile('bx2d-metal-48x192', 'Balanced Gen2 · 48 vCPU · 192 GB', 'balanced'),
  profile('bx2d-metal-96x384', 'Balanced Gen2 · 96 vCPU · 384 GB', 'balanced'),
  profile('cx3d-metal-48x128', 'Compute Gen3 · 48 vCPU · 128 GB', 'compute'),
  profile('cx3d-metal-64x128', 'Compute Gen3 · 64 vCPU · 128 GB', 'compute'),
  profile('bx3d-metal-48x256', 'Balanced Gen3 · 48 vCPU · 256 GB', 'balanced'),
  profile('bx3d-metal-64x256', 'Balanced Gen3 · 64 vCPU · 256 GB', 'balanced'),
  profile('mx3d-metal-16x128', 'Memory Gen3 · 16 vCPU · 128 GB', 'memory', 'storage'),
  profile('vx3d-metal-16x256', 'Very High Memory Gen3 · 16 vCPU · 256 GB', 'very-high-memory', 'storage'),
].sort((a, b) => a.generation.localeCompare(b.generation) || a.cpuCores - b.cpuCores);

export function findProfile(name: string): ServerProfile | undefined {
  return SERVER_PROFILES.find((p) => p.name === name);
}

function tb(value: number) {
  return `${Math.round(value * 100) / 100}TB`;
}

/** The tags the original UI showed under "suitable for" (docs/reference/original-detailed.md §8.2). */
export function suitability(p: ServerProfile): string[] {
  const tags: string[] = [];
  if (p.cpuCores >= 24 && p.memoryGb >= 192) tags.push('Large-scale virtualization');
  if (p.cpuCores >= 16) tags.push('High-performance computing');
  if (p.memoryGb >= 256) tags.push('Memory-intensive applications');
  if (p.dataDrives.devices.length >= 6) tags.push('Storage-heavy workloads');
  if (p.recommendedRole === 'compute-storage') tags.push('Nutanix HCI clusters');
  return tags.length ? tags : ['General purpose workloads'];
}

/** The list entry of GET /api/web/server-profiles (original shape). */
export function profileListEntry(p: ServerProfile) {
  return {
    name: p.name,
    display_name: p.displayName,
    cpu_cores: p.cpuCores,
    vcpus: p.vcpus,
    memory_gb: p.memoryGb,
    storage_capacity: tb(p.dataDrives.devices.length * p.dataDrives.sizeTb),
    recommended_role: p.recommendedRole,
    generation: p.generation,
  };
}

/** GET /api/web/profile-details (docs/reference/original-detailed.md §8.2 summary shape). */
export function profileSummary(p: ServerProfile) {
  return {
    profile: p.name,
    display_name: p.displayName,
    compute: { cpu_cores: p.cpuCores, vcpus: p.vcpus, memory_gb: p.memoryGb },
    storage: {
      boot_drives: 1,
      boot_capacity: `${p.bootDrive.sizeGb}GB`,
      data_drives: p.dataDrives.devices.length,
      data_capacity_per_drive: tb(p.dataDrives.sizeTb),
      total_data_capacity: tb(p.dataDrives.devices.length * p.dataDrives.sizeTb),
    },
    networking: { interfaces: 2 },
    nutanix: { recommended_role: p.recommendedRole, suitable_for: suitability(p) },
  };
}
