import { describe, expect, it } from 'vitest';
import { ipAllowed } from './ip-allow';
import { routePattern } from './http';

describe('ipAllowed', () => {
  it('matches exact addresses and IPv4 CIDR blocks, including IPv4-mapped IPv6', () => {
    const allow = ['10.0.0.0/8', '192.168.1.7', '::1'];
    expect(ipAllowed('10.20.30.40', allow)).toBe(true);
    expect(ipAllowed('::ffff:10.1.1.1', allow)).toBe(true);
    expect(ipAllowed('192.168.1.7', allow)).toBe(true);
    expect(ipAllowed('::1', allow)).toBe(true);
    expect(ipAllowed('192.168.1.8', allow)).toBe(false);
    expect(ipAllowed('11.0.0.1', allow)).toBe(false);
    expect(ipAllowed('10.0.0.1', ['garbage/99'])).toBe(false);
    expect(ipAllowed('10.0.0.1', [])).toBe(false);
  });
});

describe('routePattern', () => {
  it('replaces ids, addresses and file names so label cardinality stays bounded', () => {
    expect(routePattern('/api/status/nodes/42')).toBe('/api/status/nodes/:id');
    expect(routePattern('/api/status/deployment/10.0.0.5')).toBe('/api/status/deployment/:ip');
    expect(routePattern('/boot/images/squashfs.img')).toBe('/boot/images/:name');
    expect(routePattern('/api/deployments/0b7e8c1e-3f7a-4c5e-9d2a-1b2c3d4e5f60')).toBe('/api/deployments/:id');
    expect(routePattern('/api/status/summary')).toBe('/api/status/summary');
  });
});
