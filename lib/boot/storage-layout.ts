import { NotFoundError, ValidationError } from '@/lib/errors';
import { findProfile } from '@/lib/provisioning/profiles';
import { DEFAULT_STORAGE_TEMPLATE, findStorageTemplate, templateMismatch } from '@/lib/provisioning/storage-templates';

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
