import type { FieldError } from '@/lib/errors';

export const CLUSTER_TYPES = ['single_node', 'multi_node'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** Each cluster status: its Carbon Tag colour, and whether formation is still under way. */
export const CLUSTER_STATUS_TABLE = {
  pending: { tag: 'gray', forming: true },
  forming: { tag: 'blue', forming: true },
  ready: { tag: 'green', forming: false },
  failed: { tag: 'red', forming: false },
  deleting: { tag: 'purple', forming: false },
} as const;

export type ClusterStatus = keyof typeof CLUSTER_STATUS_TABLE;
export const CLUSTER_STATUSES = Object.keys(CLUSTER_STATUS_TABLE) as ClusterStatus[];

const clusterMeaning = (status: string) => (Object.hasOwn(CLUSTER_STATUS_TABLE, status) ? CLUSTER_STATUS_TABLE[status as ClusterStatus] : undefined);

export function isClusterForming(status: string): boolean {
  return clusterMeaning(status)?.forming ?? false;
}

export function clusterTag(status: string) {
  return clusterMeaning(status)?.tag ?? 'gray';
}

/** The state of a cluster's formation progress bar. */
export function clusterProgressState(status: string): 'error' | 'finished' | 'active' {
  return status === 'failed' ? 'error' : status === 'ready' ? 'finished' : 'active';
}

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
