import { describe, expect, it } from 'vitest';
import { ipAllowed, isAllowEntry } from './ip-allow';

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

  it('knows which entries it understands (TRUSTED_PROXIES is validated with it)', () => {
    for (const ok of ['10.0.0.0/8', '127.0.0.1', '::1', '172.30.240.10']) expect(isAllowEntry(ok), ok).toBe(true);
    for (const bad of ['garbage/99', '10.0.0.0/33', 'nginx', '::1/64', '10.0.0.0/8/1']) expect(isAllowEntry(bad), bad).toBe(false);
  });
});
