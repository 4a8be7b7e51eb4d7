import { describe, expect, it } from 'vitest';
import { detectDrift, type KnownLedgerEntry } from './detect';
import type { CloudItem } from './inventory';

const at = new Date('2026-01-01T12:00:00Z');
const earlier = new Date('2026-01-01T11:00:00Z');
const server = (over: Partial<CloudItem> = {}): CloudItem => ({ kind: 'bare_metal_server', id: 'bm-1', name: 'nvo-n1', status: 'running', profile: 'bx2d-metal-96x384', namedLikeOurs: true, tagged: false, ...over });
const ledger = (over: Partial<KnownLedgerEntry> = {}): KnownLedgerEntry => ({
  id: 'l1', kind: 'bare_metal_server', name: 'nvo-n1', cloudId: 'bm-1', state: 'created', nodeId: 1, nodeStatus: 'deployed', createdAt: earlier, ...over,
});

describe('drift detection', () => {
  it('reports a prefixed cloud resource no live ledger entry knows as an orphan', () => {
    const findings = detectDrift([server()], [ledger({ state: 'deleted' })], [], at);
    expect(findings).toMatchObject([{ kind: 'orphan', resourceKind: 'bare_metal_server', cloudId: 'bm-1', fingerprint: 'orphan:bare_metal_server:bm-1' }]);
  });

  it('knows a resource by its deterministic name while its create is in flight', () => {
    expect(detectDrift([server()], [ledger({ cloudId: null, state: 'intent' })], [], at)).toEqual([]);
  });

  it('reports a created ledger entry whose resource vanished, but not one written after the inventory', () => {
    expect(detectDrift([], [ledger()], [], at)).toMatchObject([{ kind: 'vanished', cloudResourceId: 'l1' }]);
    expect(detectDrift([], [ledger({ createdAt: new Date('2026-01-01T12:00:01Z') })], [], at)).toEqual([]);
    expect(detectDrift([], [ledger({ nodeStatus: 'cleaning' })], [], at)).toEqual([]);
  });

  it('reports servers whose state the node status does not explain', () => {
    expect(detectDrift([server({ status: 'failed' })], [ledger()], [], at)).toMatchObject([{ kind: 'unexpected_state', nodeId: 1 }]);
    expect(detectDrift([server({ status: 'stopped' })], [ledger()], [], at)).toMatchObject([{ kind: 'unexpected_state' }]);
    expect(detectDrift([server({ status: 'running' })], [ledger({ nodeStatus: 'failed' })], [], at)).toMatchObject([{ kind: 'unexpected_state' }]);
    expect(detectDrift([server()], [ledger()], [], at)).toEqual([]);
  });

  it('ignores zone records that are not named like ours and tracked DNS records', () => {
    const foreign: CloudItem = { kind: 'dns_record', id: 'A:9', name: 'pxe.zone', recordType: 'A', namedLikeOurs: false, tagged: false };
    const tracked: CloudItem = { kind: 'dns_record', id: 'A:1', name: 'n1-mgmt.zone', recordType: 'A', namedLikeOurs: true, tagged: false };
    const stray: CloudItem = { kind: 'dns_record', id: 'A:2', name: 'n2-mgmt.zone', recordType: 'A', namedLikeOurs: true, tagged: false };
    const findings = detectDrift([foreign, tracked, stray], [], [{ name: 'n1-mgmt.zone', type: 'A', cloudId: 'A:1' }], at);
    expect(findings.map((f) => f.cloudId)).toEqual(['A:2']);
  });
});
