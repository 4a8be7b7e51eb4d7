import { db } from '@/lib/db/client';
import type { FieldError } from '@/lib/errors';
import { statusesWhere } from '@/lib/status/node-statuses';
import { findProfile, type ClusterRole, type ServerProfile } from './profiles';
import { NODE_NAME_MAX, NODE_NAME_PATTERN } from './schemas';
import { DEFAULT_STORAGE_TEMPLATE, findStorageTemplate, templateMismatch, type StorageTemplate } from './storage-templates';

const NAME_RELEASING_STATUSES = statusesWhere('releasesName');

/**
 * A failed or cleaned node keeps its name while any of its ledger rows is live (a rollback still
 * running, a resource flagged failed, a cleanup that failed): reusing the name would give the new
 * node the old one's deterministic resource names. One message per name, naming the holder.
 */
export async function namesHeldByLedger(names: string[]): Promise<string[]> {
  const holders = await db.node.findMany({
    where: { name: { in: names }, status: { in: NAME_RELEASING_STATUSES }, cloudResources: { some: { state: { not: 'deleted' } } } },
    select: { id: true, name: true, _count: { select: { cloudResources: { where: { state: { not: 'deleted' } } } } } },
    orderBy: { id: 'asc' },
  });
  return holders.map((h) =>
    `"${h.name}" is still reserved: node ${h.name} (id ${h.id}) holds ${h._count.cloudResources} live cloud resource(s); ` +
    `retry its cleanup (POST /api/cleanup/node/${h.id}) or release ledger rows of resources already gone`,
  );
}

export interface NodeRequestInput {
  namePattern: string;
  count: number;
  startIndex: number;
  serverProfile: string;
  storageTemplate?: string;
  clusterRole?: ClusterRole;
}

export interface CheckedNodeRequest {
  names: string[];
  profile: ServerProfile;
  template: StorageTemplate;
  clusterRole: ClusterRole;
}

/** `ntnx-{n}` with count 3 → ntnx-1, ntnx-2, ntnx-3; a plain name with count 1 stays as it is. */
export function expandNodeNames(pattern: string, count: number, startIndex = 1): string[] {
  if (count === 1 && !pattern.includes('{n}')) return [pattern];
  return Array.from({ length: count }, (_, i) => pattern.replaceAll('{n}', String(startIndex + i)));
}

/**
 * Every reason the request cannot be provisioned, as field errors (`fieldPrefix` names where
 * the node settings sit in the body), plus the resolved profile and template when it can.
 */
export async function checkNodeRequest(
  input: NodeRequestInput,
  fieldPrefix = 'node_config.',
): Promise<{ errors: FieldError[]; checked?: CheckedNodeRequest }> {
  const errors: FieldError[] = [];
  const nameField = `${fieldPrefix}node_name`;
  const names = expandNodeNames(input.namePattern, input.count, input.startIndex);
  for (const name of names) {
    if (!NODE_NAME_PATTERN.test(name)) {
      errors.push({ field: nameField, message: `"${name}": lowercase letters, digits and hyphens, starting with a letter` });
    } else if (name.length > NODE_NAME_MAX) {
      errors.push({ field: nameField, message: `"${name}" is longer than ${NODE_NAME_MAX} characters` });
    }
  }
  if (new Set(names).size !== names.length) errors.push({ field: nameField, message: 'the pattern produces duplicate names' });

  const profile = findProfile(input.serverProfile);
  if (!profile) errors.push({ field: `${fieldPrefix}server_profile`, message: `unknown server profile "${input.serverProfile}"` });
  const templateName = input.storageTemplate || DEFAULT_STORAGE_TEMPLATE;
  const template = findStorageTemplate(templateName);
  if (!template) errors.push({ field: `${fieldPrefix}storage_template`, message: `unknown storage template "${templateName}"` });
  const mismatch = profile && template ? templateMismatch(profile, template) : null;
  if (mismatch) errors.push({ field: `${fieldPrefix}storage_template`, message: mismatch });

  if (errors.length === 0) {
    const taken = await db.node.findMany({
      where: { name: { in: names }, status: { notIn: NAME_RELEASING_STATUSES } },
      select: { name: true },
    });
    for (const t of taken) errors.push({ field: nameField, message: `a node named "${t.name}" already exists` });
    for (const held of await namesHeldByLedger(names)) errors.push({ field: nameField, message: held });
  }
  if (errors.length || !profile || !template) return { errors };
  return { errors, checked: { names, profile, template, clusterRole: input.clusterRole ?? profile.recommendedRole } };
}
