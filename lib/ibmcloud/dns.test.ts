import { describe, expect, it } from 'vitest';
import { fqdn, recordValue, reverseName } from './dns';
import type { DnsResourceRecord } from './types';

const record = (type: string, rdata: DnsResourceRecord['rdata']) => ({ id: 'r', name: 'n', type, rdata }) as DnsResourceRecord;

describe('DNS record helpers', () => {
  it('reads what an A or PTR record points at', () => {
    expect(recordValue(record('A', { ip: '10.0.0.5' }))).toBe('10.0.0.5');
    expect(recordValue(record('PTR', { ptrdname: 'n1-mgmt.example.cloud' }))).toBe('n1-mgmt.example.cloud');
    expect(recordValue(record('PTR', { ip: '10.0.0.5' }))).toBe('');
    expect(recordValue(record('CNAME', { cname: 'x.example.cloud' }))).toBe('');
  });

  it('names a PTR by its reversed address and completes relative names with the zone', () => {
    expect(reverseName('10.240.0.7')).toBe('7.0.240.10.in-addr.arpa');
    expect(fqdn('n1-mgmt', 'example.cloud')).toBe('n1-mgmt.example.cloud');
    expect(fqdn('n1-mgmt.example.cloud.', 'example.cloud')).toBe('n1-mgmt.example.cloud');
  });
});
