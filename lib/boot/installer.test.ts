import { describe, expect, it } from 'vitest';
import { netmaskOf, networkFacts, storageLayout } from './installer';

describe('networkFacts', () => {
  it('uses the subnet facts provisioning stored on the node', () => {
    const facts = networkFacts('10.240.64.12', { management: { cidr: '10.240.64.0/18', gateway: '10.240.64.1' }, dnsServers: ['161.26.0.7'] }, ['9.9.9.9']);
    expect(facts).toEqual({ cidr: '10.240.64.0/18', netmask: '255.255.192.0', gateway: '10.240.64.1', dnsServers: ['161.26.0.7'] });
  });

  it('falls back to a /24 with the first address as gateway and the default resolvers', () => {
    expect(networkFacts('10.240.0.37', null, ['161.26.0.10'])).toEqual({
      cidr: '10.240.0.0/24', netmask: '255.255.255.0', gateway: '10.240.0.1', dnsServers: ['161.26.0.10'],
    });
  });

  it('computes netmasks for any prefix', () => {
    expect(netmaskOf(0)).toBe('0.0.0.0');
    expect(netmaskOf(20)).toBe('255.255.240.0');
    expect(netmaskOf(32)).toBe('255.255.255.255');
  });
});

describe('storageLayout', () => {
  it('puts every data drive in the pool with the default template', () => {
    const layout = storageLayout('bx2d-metal-96x384');
    expect(layout.bootDisk).toBe('nvme0n1');
    expect(layout.cvmDataDisks).toHaveLength(8);
    expect(layout.reservedDisks).toEqual([]);
    expect(layout.template).toBe('nutanix_default');
  });

  it('keeps the last drive spare with the reserved template', () => {
    const layout = storageLayout('cx3d-metal-48x128', 'nutanix_reserved');
    expect(layout.cvmDataDisks).toEqual(['nvme1n1', 'nvme2n1', 'nvme3n1']);
    expect(layout.reservedDisks).toEqual(['nvme4n1']);
    expect(layout.bootDiskSizeGb).toBe(480);
  });

  it('rejects an unknown profile or template', () => {
    expect(() => storageLayout('nope')).toThrow(/Unknown server profile/);
    expect(() => storageLayout('bx2d-metal-96x384', 'nope')).toThrow(/Unknown storage template/);
  });
});
