import { describe, expect, it } from 'vitest';
import { dnsTypeOf, planCleanup, planItems, type LedgerEntry } from './plan';

const entry = (over: Partial<LedgerEntry> & Pick<LedgerEntry, 'kind' | 'name'>): LedgerEntry => ({
  id: `${over.kind}-${over.name}`, cloudId: null, state: 'created', subnetId: null, address: null, ...over,
});

describe('cleanup plan', () => {
  it('orders teardown servers, VNIs, reserved IPs, then DNS with PTR before A', () => {
    const plan = planCleanup([
      entry({ kind: 'dns_record', name: 'n1-mgmt.zone', cloudId: 'A:1' }),
      entry({ kind: 'reserved_ip', name: 'nvo-n1-mgmt-ip', subnetId: 's1', address: '10.0.0.10' }),
      entry({ kind: 'dns_record', name: '10.0.0.10.in-addr.arpa', cloudId: 'PTR:1' }),
      entry({ kind: 'vni', name: 'nvo-n1-mgmt-vni' }),
      entry({ kind: 'bare_metal_server', name: 'nvo-n1' }),
    ]);
    expect(planItems(plan).map((r) => `${r.kind}:${r.name}`)).toEqual([
      'bare_metal_server:nvo-n1',
      'vni:nvo-n1-mgmt-vni',
      'reserved_ip:nvo-n1-mgmt-ip',
      'dns_record:10.0.0.10.in-addr.arpa',
      'dns_record:n1-mgmt.zone',
    ]);
  });

  it('skips ledger entries already deleted', () => {
    const plan = planCleanup([entry({ kind: 'vni', name: 'gone', state: 'deleted' }), entry({ kind: 'vni', name: 'live', state: 'intent' })]);
    expect(plan.vnis.map((v) => v.name)).toEqual(['live']);
  });

  it('adds tracked DNS records the ledger lacks and links the ones it has', () => {
    const plan = planCleanup(
      [entry({ kind: 'dns_record', name: 'n1-ahv.zone', cloudId: 'A:2' })],
      [
        { id: 7, name: 'n1-ahv.zone', type: 'A', rdata: '10.0.0.51', cloudId: 'A:2' },
        { id: 8, name: 'n1-cvm.zone', type: 'A', rdata: '10.0.0.101', cloudId: 'A:3' },
      ],
    );
    expect(plan.dnsRecords.map((d) => [d.name, d.ledgerId !== null, d.dnsRecordId])).toEqual([
      ['n1-ahv.zone', true, 7],
      ['n1-cvm.zone', false, 8],
    ]);
  });

  it('reads a DNS entry type from details, the IBM id prefix, or the name', () => {
    expect(dnsTypeOf({ name: 'x', cloudId: null, details: { type: 'ptr' } })).toBe('PTR');
    expect(dnsTypeOf({ name: 'x', cloudId: 'PTR:abc' })).toBe('PTR');
    expect(dnsTypeOf({ name: '1.0.0.10.in-addr.arpa', cloudId: null })).toBe('PTR');
    expect(dnsTypeOf({ name: 'n1-mgmt.zone', cloudId: null })).toBe('A');
  });
});
