import { describe, expect, it } from 'vitest';
import type { BareMetalServer } from './types';
import { nodeServerPlan, nodeServerPrototype, primaryVniIdOf } from './vpc';

const spec = { name: 'nvo-n1', profile: 'cx2d-metal-96x192', zone: 'us-south-1', vpcId: 'vpc-1', resourceGroupId: 'rg-1', imageId: 'img-1', sshKeyId: 'key-1' };

describe('a node server in IBM terms', () => {
  it('plans the same eth0/eth1 PCI attachments the prototype creates', () => {
    const body = nodeServerPrototype({ ...spec, userData: 'http://x', primaryVniId: 'vni-m', secondaryVniId: 'vni-w' });
    const plan = nodeServerPlan(spec, { primary: 'mgmt-vni', secondary: 'work-vni' });
    const attached = [body.primary_network_attachment, ...(body.network_attachments ?? [])];
    expect(attached.map((a) => [a.name, a.interface_type, a.virtual_network_interface])).toEqual([
      ['eth0', 'pci', { id: 'vni-m' }],
      ['eth1', 'pci', { id: 'vni-w' }],
    ]);
    expect(plan.network_attachments).toEqual([
      { name: 'eth0', interface_type: 'pci', vni: 'mgmt-vni' },
      { name: 'eth1', interface_type: 'pci', vni: 'work-vni' },
    ]);
    expect(plan).toMatchObject({ name: 'nvo-n1', vpc_id: 'vpc-1', resource_group_id: 'rg-1', image_id: 'img-1', ssh_key_ids: ['key-1'] });
    expect(body).toMatchObject({ vpc: { id: 'vpc-1' }, resource_group: { id: 'rg-1' }, initialization: { image: { id: 'img-1' }, keys: [{ id: 'key-1' }] } });
  });

  it('reads the primary VNI of a server, absent when IBM does not report one', () => {
    expect(primaryVniIdOf({ primary_network_attachment: { virtual_network_interface: { id: 'vni-m' } } } as BareMetalServer)).toBe('vni-m');
    expect(primaryVniIdOf({} as BareMetalServer)).toBeUndefined();
  });
});
