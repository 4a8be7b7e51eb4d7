import { describe, expect, it } from 'vitest';
import { checkMembership, CLUSTER_STATUSES, clusterProgressState, clusterTag, defaultRedundancyFactor, isClusterForming } from './rules';

describe('cluster membership rules', () => {
  it('accepts one member with RF1 for a single_node cluster', () => {
    expect(checkMembership('single_node', 1, 1, 'nodeIds')).toEqual([]);
  });

  it('refuses two members or RF2 for a single_node cluster', () => {
    expect(checkMembership('single_node', 2, 1, 'nodeIds')).toEqual([
      { field: 'nodeIds', message: 'a single_node cluster has exactly 1 member, got 2' },
    ]);
    expect(checkMembership('single_node', 1, 2, 'nodeIds').map((e) => e.field)).toEqual(['redundancyFactor']);
  });

  it('needs three members for a multi_node cluster', () => {
    expect(checkMembership('multi_node', 2, 2, 'nodeIds').map((e) => e.field)).toEqual(['nodeIds']);
    expect(checkMembership('multi_node', 3, 2, 'nodeIds')).toEqual([]);
  });

  it('allows RF3 only with five or more members', () => {
    expect(checkMembership('multi_node', 4, 3, 'x')[0].message).toMatch(/at least 5 members/);
    expect(checkMembership('multi_node', 5, 3, 'x')).toEqual([]);
  });

  it('refuses RF1 on a multi_node cluster', () => {
    expect(checkMembership('multi_node', 3, 1, 'x').map((e) => e.field)).toEqual(['redundancyFactor']);
  });

  it('defaults RF1 for single_node and RF2 for multi_node', () => {
    expect(defaultRedundancyFactor('single_node')).toBe(1);
    expect(defaultRedundancyFactor('multi_node')).toBe(2);
  });
});

describe('cluster statuses', () => {
  it('know which are still forming, their tag colour and progress bar state', () => {
    expect(CLUSTER_STATUSES).toEqual(['pending', 'forming', 'ready', 'failed', 'deleting']);
    expect(CLUSTER_STATUSES.filter(isClusterForming)).toEqual(['pending', 'forming']);
    expect(isClusterForming('constructor')).toBe(false);
    expect(CLUSTER_STATUSES.map(clusterTag)).toEqual(['gray', 'blue', 'green', 'red', 'purple']);
    expect(clusterTag('unknown')).toBe('gray');
    expect(CLUSTER_STATUSES.map(clusterProgressState)).toEqual(['active', 'active', 'finished', 'error', 'active']);
  });
});
