'use client';

import { Tile } from '@carbon/react';
import { profileSummary, type ServerProfile } from '@/lib/provisioning/profiles';
import { storageConfig, templateMismatch, type StorageTemplate } from '@/lib/provisioning/storage-templates';

/** What the chosen profile and storage template give the node. */
export function ProfileSpecs({ profile, template }: { profile: ServerProfile; template: StorageTemplate }) {
  const summary = profileSummary(profile);
  const mismatch = templateMismatch(profile, template);
  const storage = mismatch ? null : storageConfig(profile, template);
  const facts: [string, string | number][] = [
    ['vCPU / cores', `${summary.compute.vcpus} / ${summary.compute.cpu_cores}`],
    ['Memory', `${summary.compute.memory_gb} GB`],
    ['Boot drive', `${summary.storage.boot_capacity} (${profile.bootDrive.device}, RAID-1)`],
    ['Data drives', `${summary.storage.data_drives} × ${summary.storage.data_capacity_per_drive}`],
    ['Pool drives used', storage ? `${storage.drives_used} (${storage.drives_reserved} spare)` : '—'],
    ['Pool capacity', storage?.drive_info.total_storage_capacity ?? '—'],
    ['Recommended role', summary.nutanix.recommended_role],
    ['Suitable for', summary.nutanix.suitable_for.join(', ')],
  ];
  return (
    <Tile className="spec-tile" data-testid="profile-specs">
      <dl>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="cds--type-label-01">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Tile>
  );
}
