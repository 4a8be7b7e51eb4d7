import { describe, expect, it } from 'vitest';
import { routePattern } from './http';

describe('routePattern', () => {
  it('replaces ids, addresses and file names so label cardinality stays bounded', () => {
    expect(routePattern('/api/status/nodes/42')).toBe('/api/status/nodes/:id');
    expect(routePattern('/api/status/deployment/10.0.0.5')).toBe('/api/status/deployment/:ip');
    expect(routePattern('/boot/images/squashfs.img')).toBe('/boot/images/:name');
    expect(routePattern('/api/deployments/0b7e8c1e-3f7a-4c5e-9d2a-1b2c3d4e5f60')).toBe('/api/deployments/:id');
    expect(routePattern('/api/status/summary')).toBe('/api/status/summary');
  });
});
