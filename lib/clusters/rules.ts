import type { FieldError } from '@/lib/errors';

export const CLUSTER_TYPES = ['single_node', 'multi_node'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

export const CLUSTER_STATUSES = ['pending', 'forming', 'ready', 'failed', 'deleting'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** Nutanix CE: RF1 only on one node; RF2 needs three nodes; RF3 needs five. */
export function defaultRedundancyFactor(type: ClusterType): 1 | 2 {
  return type === 'single_node' ? 1 : 2;
}

/**
 * Whether `memberCount` members with redundancy factor `rf` fit a cluster of `type`.
 * Returns field errors (empty when it fits); `membersField` names the field holding the members.
 */
export function checkMembership(type: ClusterType, memberCount: number, rf: number, membersField: string): FieldError[] {
  const errors: FieldError[] = [];
  if (type === 'single_node') {
    if (memberCount !== 1) errors.push({ field: membersField, message: `a single_node cluster has exactly 1 member, got ${memberCount}` });
    if (rf !== 1) errors.push({ field: 'redundancyFactor', message: 'a single_node cluster uses redundancy factor 1' });
    return errors;
  }
  if (memberCount < 3) errors.push({ field: membersField, message: `a multi_node cluster needs at least 3 members, got ${memberCount}` });
  if (rf === 1) errors.push({ field: 'redundancyFactor', message: 'a multi_node cluster uses redundancy factor 2 or 3' });
  if (rf === 3 && memberCount < 5) errors.push({ field: 'redundancyFactor', message: `redundancy factor 3 needs at least 5 members, got ${memberCount}` });
  return errors;
}
