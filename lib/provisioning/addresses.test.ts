import { describe, expect, it } from 'vitest';
import { hostNumber, intToIp, ipToInt, parseCidr, rangeAddresses } from './addresses';

describe('addresses', () => {
  it('adds host numbers to the network address of the subnet', () => {
    expect(rangeAddresses('10.240.0.0/24', { first: 10, last: 12 })).toEqual(['10.240.0.10', '10.240.0.11', '10.240.0.12']);
    expect(rangeAddresses('10.240.1.0/24', { first: 10, last: 10 })).toEqual(['10.240.1.10']);
  });

  it('normalises a CIDR written with a host address', () => {
    expect(intToIp(parseCidr('10.240.0.77/24').network)).toBe('10.240.0.0');
  });

  it('never yields IBM-reserved or broadcast addresses, nor hosts beyond a small subnet', () => {
    expect(rangeAddresses('10.0.0.0/28', { first: 1, last: 20 })).toEqual(
      Array.from({ length: 11 }, (_, i) => `10.0.0.${i + 4}`),
    );
  });

  it('round-trips addresses and host numbers', () => {
    expect(intToIp(ipToInt('192.168.255.254'))).toBe('192.168.255.254');
    expect(hostNumber('10.240.0.0/24', '10.240.0.51')).toBe(51);
    expect(() => ipToInt('10.0.0')).toThrow();
  });
});
