import { describe, expect, it } from 'vitest';
import { storageLayout } from './storage-layout';

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
