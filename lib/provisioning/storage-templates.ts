import type { ServerProfile } from './profiles';

/**
 * How a profile's drives are handed to the installer (docs/reference/original-detailed.md §8.3). The boot pair is AHV's disk
 * and the CVM boots from it too; the template decides how many NVMe data drives join the storage
 * pool and how many stay spare. (The Python original pointed every role at /dev/sda, wrong on NVMe.)
 */
export interface StorageTemplate {
  name: string;
  displayName: string;
  description: string;
  excludeDrives: number;
  raidConfig: 'nutanix_managed';
}

export const STORAGE_TEMPLATES: readonly StorageTemplate[] = [
  { name: 'nutanix_default', displayName: 'Default configuration', description: 'All NVMe data drives join the storage pool', excludeDrives: 0, raidConfig: 'nutanix_managed' },
  { name: 'nutanix_reserved', displayName: 'Keep one spare', description: 'The last data drive stays out of the pool for later expansion', excludeDrives: 1, raidConfig: 'nutanix_managed' },
  { name: 'nutanix_performance', displayName: 'Performance subset', description: 'Two data drives stay out of the pool (e.g. 6 of 8)', excludeDrives: 2, raidConfig: 'nutanix_managed' },
];

export const DEFAULT_STORAGE_TEMPLATE = 'nutanix_default';

export function findStorageTemplate(name: string): StorageTemplate | undefined {
  return STORAGE_TEMPLATES.find((t) => t.name === name);
}

/** Why a template cannot be used with a profile, or null when it fits (at least one data drive used). */
export function templateMismatch(profile: ServerProfile, template: StorageTemplate): string | null {
  const used = profile.dataDrives.devices.length - template.excludeDrives;
  if (used < 1) return `${template.name} leaves no data drive of ${profile.name} for the storage pool`;
  return null;
}

/** GET /api/web/profile-storage-config: the drive map the installer config will use. */
export function storageConfig(profile: ServerProfile, template: StorageTemplate) {
  const all = profile.dataDrives.devices;
  const used = all.slice(0, all.length - template.excludeDrives);
  const boot = `/dev/${profile.bootDrive.device}`;
  return {
    server_profile: profile.name,
    template: template.name,
    boot_device: boot,
    hypervisor_device: boot,
    cvm_device: boot,
    boot_drive: profile.bootDrive.device,
    boot_drive_size: `${profile.bootDrive.sizeGb}GB`,
    boot_device_model: profile.bootDrive.model,
    data_drives: used.map((d) => `/dev/${d}`),
    drives_used: used.length,
    drives_reserved: all.length - used.length,
    total_drives: all.length + 1,
    raid_config: template.raidConfig,
    drive_info: {
      boot_drive_type: 'NVMe (RAID-1 M.2)',
      boot_drive_size: `${profile.bootDrive.sizeGb}GB`,
      data_drive_size: `${profile.dataDrives.sizeTb}TB`,
      total_storage_capacity: `${Math.round(used.length * profile.dataDrives.sizeTb * 100) / 100}TB`,
    },
  };
}
