import { NotFoundError, ValidationError } from '@/lib/errors';
import { findProfile, profileListEntry, profileSummary, SERVER_PROFILES } from './profiles';
import { findStorageTemplate, STORAGE_TEMPLATES, storageConfig, templateMismatch } from './storage-templates';

/** Read-only answers of the /api/web profile helpers. */

export function listServerProfiles() {
  return { profiles: SERVER_PROFILES.map(profileListEntry) };
}

export function listStorageTemplates() {
  return {
    templates: STORAGE_TEMPLATES.map((t) => ({
      name: t.name,
      display_name: t.displayName,
      description: t.description,
      exclude_drives: t.excludeDrives,
      raid_config: t.raidConfig,
    })),
  };
}

export function profileDetails(name: string) {
  const profile = findProfile(name);
  if (!profile) throw new NotFoundError(`Unknown server profile "${name}"`);
  return profileSummary(profile);
}

export function profileStorageConfig(profileName: string, templateName: string) {
  const profile = findProfile(profileName);
  if (!profile) throw new NotFoundError(`Unknown server profile "${profileName}"`);
  const template = findStorageTemplate(templateName);
  if (!template) throw new NotFoundError(`Unknown storage template "${templateName}"`);
  const mismatch = templateMismatch(profile, template);
  if (mismatch) throw new ValidationError(mismatch, [{ field: 'template', message: mismatch }]);
  return storageConfig(profile, template);
}
