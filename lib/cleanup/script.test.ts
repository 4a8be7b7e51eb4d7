import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planCleanup } from './plan';
import { renderCleanupScript } from './script';
import { shellQuote } from './shell-quote';

const settings = { region: 'us-south', dnsInstanceId: 'inst-1', dnsZoneId: 'zone.cloud:abc', generatedAt: new Date('2026-01-01T00:00:00Z'), title: 'Manual cleanup of node n1' };

describe('cleanup script', () => {
  it('quotes hostile values so the shell sees them as one literal word', () => {
    const hostile = `x'; rm -rf / #$(id)\`id\``;
    const out = execFileSync('bash', ['-c', `printf '%s' ${shellQuote(hostile)}`]).toString();
    expect(out).toBe(hostile);
  });

  it('names every ledger resource with the matching ibmcloud command, in teardown order', () => {
    const plan = planCleanup([
      { id: '1', kind: 'bare_metal_server', name: 'nvo-n1', cloudId: 'bm-1', state: 'created', subnetId: null, address: null },
      { id: '2', kind: 'vni', name: 'nvo-n1-mgmt', cloudId: 'vni-1', state: 'created', subnetId: null, address: null },
      { id: '3', kind: 'reserved_ip', name: 'nvo-n1-mgmt-ip', cloudId: 'rip-1', state: 'created', subnetId: 'sub-1', address: '10.0.0.10' },
      { id: '4', kind: 'dns_record', name: 'n1-mgmt.zone.cloud', cloudId: 'A:1', state: 'created', subnetId: null, address: null },
    ]);
    const script = renderCleanupScript([{ label: 'node n1', plan }], settings);
    const commands = script.split('\n').filter((l) => l.startsWith('attempt ') || /^wait_\w+ '/.test(l));
    expect(commands).toEqual([
      "attempt ibmcloud is bare-metal-server-stop 'bm-1' --type hard --force",
      "wait_stopped 'bm-1'",
      "attempt ibmcloud is bare-metal-server-delete 'bm-1' --force",
      "wait_gone 'bm-1'",
      "attempt ibmcloud is virtual-network-interface-delete 'vni-1' --force",
      "attempt ibmcloud is subnet-reserved-ip-release 'sub-1' 'rip-1' --force",
      `attempt ibmcloud dns resource-record-delete "$DNS_ZONE_ID" 'A:1' -i "$DNS_INSTANCE_ID" --force`,
    ]);
    expect(script).toContain("DNS_ZONE_ID='zone.cloud:abc'");
  });

  it('is valid bash even with newlines and quotes in names', () => {
    const plan = planCleanup([{ id: '1', kind: 'vni', name: "evil'\nname", cloudId: null, state: 'intent', subnetId: null, address: null }]);
    const script = renderCleanupScript([{ label: "node 'x'\n$(reboot)", plan }], settings);
    expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
    expect(script).toContain(`attempt ibmcloud is virtual-network-interface-delete 'evil'\\''\nname' --force`);
  });
});
