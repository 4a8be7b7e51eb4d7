import { describe, expect, it } from 'vitest';
import { inCidr, intToIp, ipToInt, isIpv4, providerAddresses } from './ipv4';

describe('ipv4', () => {
  it('round-trips addresses', () => {
    expect(intToIp(ipToInt('10.240.1.77'))).toBe('10.240.1.77');
  });

  it('reserves network, gateway, two IBM addresses and broadcast (docs/reference/ibmcloud-api.md §4.2)', () => {
    expect(providerAddresses('10.240.0.0/24')).toEqual(['10.240.0.0', '10.240.0.1', '10.240.0.2', '10.240.0.3', '10.240.0.255']);
  });

  it('tests CIDR membership and address syntax', () => {
    expect(inCidr('10.240.0.9', '10.240.0.0/24')).toBe(true);
    expect(inCidr('10.240.1.9', '10.240.0.0/24')).toBe(false);
    expect(isIpv4('10.0.0.256')).toBe(false);
    expect(isIpv4('10.0.0.1')).toBe(true);
  });
});
