import { describe, expect, it } from 'vitest';
import { createClusterRequest } from './schemas';

const fields = (raw: unknown) => {
  const r = createClusterRequest.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('create-cluster request', () => {
  it('accepts the richer body with existing node ids and defaults nothing it cannot know', () => {
    const body = createClusterRequest.parse({ name: 'prod-a', type: 'multi_node', nodeIds: [1, 2, 3], dnsServers: ['161.26.0.7'] });
    expect(body).toMatchObject({ name: 'prod-a', type: 'multi_node', nodeIds: [1, 2, 3] });
  });

  it('rewrites the Python original body, reading numeric nodes as ids and the standard type as multi_node', () => {
    const body = createClusterRequest.parse({ cluster_config: { cluster_name: 'orig', cluster_type: 'standard', nodes: [4, '5', 6] } });
    expect(body).toMatchObject({ name: 'orig', type: 'multi_node', nodeIds: [4, 5, 6] });
  });

  it('reads the Python original body nodes given by name and names the cluster after its size by default', () => {
    const body = createClusterRequest.parse({ cluster_config: { cluster_type: 'single_node', nodes: ['node-a'] } });
    expect(body).toMatchObject({ name: 'cluster-1-node', type: 'single_node', nodeNames: ['node-a'] });
  });

  it('refuses a body without members, or with both members and a provision request', () => {
    expect(fields({ name: 'abc', type: 'single_node' })).toEqual(['nodeIds']);
    expect(fields({ name: 'abc', type: 'single_node', nodeIds: [1], provision: { count: 1, serverProfile: 'p' } })).toEqual(['nodeIds']);
  });

  it('names the field when the member count does not fit the type or redundancy factor', () => {
    expect(fields({ name: 'abc', type: 'multi_node', nodeIds: [1, 2] })).toEqual(['nodeIds']);
    expect(fields({ name: 'abc', type: 'multi_node', provision: { count: 4, serverProfile: 'p' }, redundancyFactor: 3 })).toEqual(['redundancyFactor']);
    expect(fields({ name: 'abc', type: 'single_node', provision: { count: 3, serverProfile: 'p' } })).toEqual(['provision.count']);
  });

  it('refuses a node listed twice, a bad name, a bad DNS server and unknown fields', () => {
    expect(fields({ name: 'abc', type: 'multi_node', nodeIds: [1, 1, 2] })).toContain('nodeIds');
    expect(fields({ name: 'Bad_Name', type: 'single_node', nodeIds: [1] })).toEqual(['name']);
    expect(fields({ name: 'abc', type: 'single_node', nodeIds: [1], dnsServers: ['not-an-ip'] })).toEqual(['dnsServers.0']);
    expect(fields({ name: 'abc', type: 'single_node', nodeIds: [1], extra: true })).toEqual(['']);
  });
});
