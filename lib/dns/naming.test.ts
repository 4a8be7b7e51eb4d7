import { describe, expect, it } from 'vitest';
import { cloudRecordName, ipFromPtrName, nodeDnsRecords, relativeName, reverseName, trackedRecordName } from './naming';

const ZONE = 'nutanix-ce-poc.cloud';

describe('DNS naming', () => {
  it('plans an A and a PTR for every address a node has, A first', () => {
    const records = nodeDnsRecords('n1', { management: '10.0.0.10', cvm: '10.0.0.101' }, ZONE);
    expect(records.map((r) => `${r.type} ${r.name} ${r.rdata}`)).toEqual([
      'A n1-mgmt 10.0.0.10',
      'PTR 10.0.0.10 n1-mgmt.nutanix-ce-poc.cloud',
      'A n1-cvm 10.0.0.101',
      'PTR 10.0.0.101 n1-cvm.nutanix-ce-poc.cloud',
    ]);
  });

  it('reverses addresses for PTR names and back', () => {
    expect(reverseName('10.240.0.12')).toBe('12.0.240.10.in-addr.arpa');
    expect(ipFromPtrName('12.0.240.10.in-addr.arpa')).toBe('10.240.0.12');
    expect(ipFromPtrName('node-1.in-addr.arpa')).toBeNull();
  });

  it('maps a path name, an FQDN, an address or an in-addr.arpa name to the tracked row name', () => {
    expect(trackedRecordName('n1-mgmt', ZONE)).toEqual({ name: 'n1-mgmt', type: 'A' });
    expect(trackedRecordName('N1-mgmt.nutanix-ce-poc.cloud.', ZONE)).toEqual({ name: 'n1-mgmt', type: 'A' });
    expect(trackedRecordName('10.240.0.12', ZONE)).toEqual({ name: '10.240.0.12', type: 'PTR' });
    expect(trackedRecordName('12.0.240.10.in-addr.arpa', ZONE)).toEqual({ name: '10.240.0.12', type: 'PTR' });
    expect(relativeName('other.example.com', ZONE)).toBe('other.example.com');
  });

  it('names a tracked row the way DNS Services reports it', () => {
    expect(cloudRecordName({ name: 'n1-mgmt', type: 'A' }, ZONE)).toBe('n1-mgmt.nutanix-ce-poc.cloud');
    expect(cloudRecordName({ name: '10.240.0.12', type: 'PTR' }, ZONE)).toBe('12.0.240.10.in-addr.arpa');
  });
});
