import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CleanupContext } from '@/lib/cleanup/context';
import { runFindingCleanup, startFindingCleanup } from '@/lib/cleanup/drift/clean-finding';
import { listFindings } from '@/lib/cleanup/drift/findings';
import { reconcile } from '@/lib/cleanup/drift/reconcile';
import { sweepOrphans } from '@/lib/cleanup/targets';
import { cleanupScriptFor } from '@/lib/cleanup/script-source';
import { db } from '@/lib/db/client';
import { cloudSettings } from '@/lib/ibmcloud/settings';
import { provisionUntilRunning } from '../helpers/cleanup-seed';
import { resetDatabase } from '../helpers/db';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;

describe('drift reconciliation and the cleanup script (simulator)', () => {
  let ctx: CleanupContext;
  const scope = () => {
    const s = cloudSettings(cloud.config);
    return { prefix: cloud.config.RESOURCE_PREFIX, vpcId: s.vpcId, subnetIds: [s.managementSubnetId, s.workloadSubnetId], zoneName: s.dnsZoneName };
  };

  beforeAll(async () => {
    cloud = await startTestCloud();
    ctx = { cloud: cloud.client, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), pollIntervalMs: 20, waitTimeoutMs: 20_000 };
  });
  afterAll(async () => cloud?.close());
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
  });

  it('reports resources named like ours that someone else created as foreign, and never sweeps them', async () => {
    await provisionUntilRunning(cloud, 'known');
    const s = cloudSettings(cloud.config);
    const strayIp = await cloud.client.vpc.reserveIp(s.managementSubnetId, { name: 'nvo-stray-ip', address: '10.240.0.40', auto_delete: false });
    const strayVni = await cloud.client.vpc.createVirtualNetworkInterface({ name: 'nvo-stray-vni', primary_ip: { id: strayIp.id }, subnet: { id: s.managementSubnetId } });
    await cloud.client.vpc.createBareMetalServer({
      name: 'nvo-stray', profile: { name: 'bx2d-metal-96x384' }, zone: { name: s.zone }, vpc: { id: s.vpcId },
      initialization: { image: { id: s.ipxeImageId }, keys: [{ id: s.sshKeyId }], user_data: 'http://127.0.0.1:9/x' },
      primary_network_attachment: { interface_type: 'pci', virtual_network_interface: { id: strayVni.id } },
    });
    await cloud.client.dns.createARecord({ name: 'stray-mgmt', ip: '10.240.0.40' });
    await cloud.client.vpc.reserveIp(s.managementSubnetId, { name: 'someone-elses-ip', auto_delete: false });

    const first = await reconcile(cloud.client, scope());
    expect(first.opened).toBe(4);
    const findings = await listFindings({ status: 'open' });
    expect(findings.map((f) => `${f.kind}:${f.resource_kind}:${f.name}`).sort()).toEqual([
      'foreign:bare_metal_server:nvo-stray', 'foreign:dns_record:stray-mgmt.nutanix-ce-poc.cloud', 'foreign:reserved_ip:nvo-stray-ip', 'foreign:vni:nvo-stray-vni',
    ]);
    expect(findings.find((f) => f.resource_kind === 'bare_metal_server')?.hourly_cost_usd).toBeGreaterThan(0);

    // A second run finds the same things: no duplicates.
    expect((await reconcile(cloud.client, scope())).opened).toBe(0);

    const deps = { enqueueNode: async () => undefined, enqueueFinding: (id: number) => runFindingCleanup(id, ctx), cloud: cloud.client };
    const swept = await sweepOrphans({ max_age_hours: 0, dry_run: false }, 'tester', deps);
    expect(swept.results).toEqual([]);
    expect(swept.reported.foreign_findings).toHaveLength(4);
    await expect(startFindingCleanup(findings[0].id, 'tester', deps)).rejects.toThrow(/never deleted/);

    const inventory = await cloud.inventory();
    const names = [...inventory.bare_metal_servers, ...inventory.virtual_network_interfaces, ...inventory.reserved_ips, ...inventory.dns_records].map((r: { name: string }) => r.name);
    expect(names.filter((n: string) => n.includes('stray'))).toHaveLength(4);
    expect(names).toContain('someone-elses-ip');
    expect(names).toContain('nvo-known');
    expect(await listFindings({ status: 'unresolved' })).toHaveLength(4);
  });

  it('reports a ledger entry whose resource vanished and a server in an unexpected state', async () => {
    const { node } = await provisionUntilRunning(cloud, 'drifty');
    const records = await db.dnsRecord.findMany({ where: { nodeId: node.id }, orderBy: { type: 'desc' } });
    await cloud.client.dns.deleteResourceRecord(records[0].cloudId!);
    await cloud.json(`/control/servers/${node.bareMetalId}/fail`, { method: 'POST', body: '{}' });

    await reconcile(cloud.client, scope());
    const findings = await listFindings({ status: 'unresolved' });
    expect(findings.map((f) => `${f.kind}:${f.resource_kind}`).sort()).toEqual(['unexpected_state:bare_metal_server', 'vanished:dns_record']);
  });

  it('generates a script naming exactly the ledger resources', async () => {
    const { node } = await provisionUntilRunning(cloud, 'scripted');
    const s = cloudSettings(cloud.config);
    const { text, filename } = await cleanupScriptFor(node.id, { region: s.region, dnsInstanceId: s.dnsInstanceId, dnsZoneId: s.dnsZoneId });
    expect(filename).toBe(`cleanup-${node.id}.sh`);
    const named = [...text.matchAll(/^attempt ibmcloud .*$/gm)].map((m) => m[0]);
    const ids = named.map((line) => [...line.matchAll(/'([^']+)'/g)].map((m) => m[1]).at(-1));
    const ledger = await db.cloudResource.findMany({ where: { nodeId: node.id } });
    expect(new Set(ids)).toEqual(new Set(ledger.map((e) => e.cloudId)));
    expect(named.filter((l) => l.includes('bare-metal-server-delete'))).toHaveLength(1);
    expect(named.filter((l) => l.includes('resource-record-delete'))).toHaveLength(8);
    expect(new Set(ids).size).toBe(ledger.length);
  });
});
