import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCleanupDeployment } from '@/lib/cleanup/runner';
import { startNodeCleanup } from '@/lib/cleanup/start';
import { registerClusterDns } from '@/lib/clusters/dns';
import { db } from '@/lib/db/client';
import { cloudSettings } from '@/lib/ibmcloud';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { POST as releaseRow } from '@/app/api/cleanup/resources/[id]/release/route';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';
import { drive, inventoryOf, nodePlayer, testDeps, type Inventory } from '../helpers/provisioning';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  // The release route binds the process's cloud client.
  Object.assign(process.env, { IBMCLOUD_IAM_URL: cloud.sim.iamUrl, IBMCLOUD_VPC_URL: cloud.sim.vpcUrl, IBMCLOUD_DNS_URL: cloud.sim.dnsUrl });
});
afterAll(() => cloud?.close());
beforeEach(async () => {
  await resetDatabase();
  await cloud.json('/control/reset', { method: 'POST' });
});

const noEnqueue = async () => undefined;
const cleanupCtx = () => ({ cloud: cloud.client, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), pollIntervalMs: 20, waitTimeoutMs: 20_000 });

async function provision(name: string) {
  const body = provisionRequestSchema.parse({ node_config: { node_name: name, server_profile: 'cx3d-metal-48x128' } });
  const result = await provisionNodes(body, { dryRun: false, requestedBy: 'test' }, testDeps(cloud));
  if (result.dry_run) throw new Error('expected a real run');
  return result;
}

async function provisionAndDrive(name: string) {
  const result = await provision(name);
  const [{ node_id, deployment_id }] = result.accepted;
  await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });
  return { nodeId: node_id, deploymentId: deployment_id };
}

async function cleanNode(nodeId: number) {
  const started = await startNodeCleanup(nodeId, 'tester', noEnqueue);
  return runCleanupDeployment(started.deploymentId, cleanupCtx());
}

const inventory = async () => (await cloud.inventory()) as Inventory;

describe('resource ownership: we adopt and delete only what is provably ours', () => {
  it('fails a provision on a hand-made DNS record with its name, and the record survives rollback and cleanup', async () => {
    const handMade = await cloud.client.dns.createARecord({ name: 'own-a-mgmt', ip: '10.240.0.250', ttl: 600 });

    const { nodeId, deploymentId } = await provisionAndDrive('own-a');

    const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { steps: true } });
    expect(deployment.status).toBe('failed');
    const step = deployment.steps.find((s) => s.name === 'register_dns')!;
    expect(step.status).toBe('failed');
    expect(step.lastError).toMatch(/own-a-mgmt\.nutanix-ce-poc\.cloud/);
    expect(step.lastError).toMatch(/already exists/);
    expect(deployment.error).toMatch(/own-a-mgmt/);

    const afterRollback = await inventory();
    expect(afterRollback.dns_records.filter((r) => r.id === handMade.id)).toHaveLength(1);
    expect(inventoryOf(afterRollback, 'own-a').servers).toEqual([]);
    expect(inventoryOf(afterRollback, 'own-a').vnis).toEqual([]);
    expect(inventoryOf(afterRollback, 'own-a').reservedIps).toEqual([]);
    expect(await db.dnsRecord.count({ where: { cloudId: handMade.id } })).toBe(0);

    if ((await db.cloudResource.count({ where: { nodeId, state: { not: 'deleted' } } })) > 0 || (await db.dnsRecord.count({ where: { nodeId } })) > 0) {
      expect(await cleanNode(nodeId)).toBe('succeeded');
    }
    const afterCleanup = await inventory();
    expect(afterCleanup.dns_records.map((r) => [r.id, r.name, r.rdata.ip])).toEqual([[handMade.id, 'own-a-mgmt.nutanix-ce-poc.cloud', '10.240.0.250']]);
  });

  it('fails a provision on a hand-made VNI with its name (the create fails, the VNI is not ours), and the VNI survives rollback', async () => {
    // The create goes out without a look first (VNI names are unique per VPC): the conflict's
    // same-name VNI comes back from the client and must be proven ours, which it is not.
    const handMade = await cloud.client.vpc.createVirtualNetworkInterface({ name: 'nvo-own-v-mgmt-vni', subnet: { id: cloudSettings(cloud.config).managementSubnetId } });

    const { deploymentId } = await provisionAndDrive('own-v');

    const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { steps: true } });
    expect(deployment.status).toBe('failed');
    const step = deployment.steps.find((s) => s.name === 'create_vnis')!;
    expect(step.status).toBe('failed');
    expect(step.lastError).toMatch(/nvo-own-v-mgmt-vni/);
    expect(step.lastError).toMatch(/already exists/);
    const after = await inventory();
    expect(after.virtual_network_interfaces.map((v) => v.id)).toEqual([handMade.id]);
    // Only the hand-made VNI's own primary IP is left: the node's reservations were rolled back.
    expect(inventoryOf(after, 'own-v').reservedIps.map((ip) => ip.id)).toEqual([handMade.primary_ip!.id]);
    expect(await db.cloudResource.count({ where: { cloudId: handMade.id } })).toBe(0);
  });

  it('does not let a cluster named like a node record adopt that record', async () => {
    const { nodeId } = await provisionAndDrive('own-b');
    const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node.status).toBe('deployed');
    const before = (await inventory()).dns_records.find((r) => r.type === 'A' && r.name === 'own-b-cvm.nutanix-ce-poc.cloud')!;
    expect(before.rdata.ip).toBe(node.cvmIp);

    const cluster = await db.cluster.create({ data: { name: 'own-b-cvm', type: 'single_node', clusterIp: '10.240.0.201', dataServicesIp: '10.240.0.202' } });
    const deployment = await db.deployment.create({ data: { kind: 'cluster', clusterId: cluster.id, status: 'running' } });
    const zone = { dns: cloud.client.dns, zoneId: cloud.client.dns.zoneId, zoneName: cloud.config.DNS_ZONE_NAME };
    await expect(registerClusterDns({ id: cluster.id, name: 'own-b-cvm', clusterIp: '10.240.0.201', dataServicesIp: '10.240.0.202' }, deployment.id, zone))
      .rejects.toThrow(new RegExp(`A record own-b-cvm is already tracked for node own-b \\(id ${nodeId}\\)`));

    const tracked = await db.dnsRecord.findFirstOrThrow({ where: { cloudId: before.id } });
    expect(tracked).toMatchObject({ owner: 'node', nodeId, clusterId: null });
    expect(await db.cloudResource.count({ where: { cloudId: before.id, nodeId, state: 'created' } })).toBe(1);
    expect((await inventory()).dns_records.find((r) => r.id === before.id)?.rdata.ip).toBe(node.cvmIp);
  });

  it('keeps a failed node\'s name while its ledger is live; its cleanup deletes exactly its own resources', async () => {
    const old = await provisionAndDrive('own-c');
    // A cleanup that failed for good leaves the node failed with its ledger rows still live.
    await db.node.update({ where: { id: old.nodeId }, data: { status: 'failed', failureReason: 'Cleanup failed at delete_server: test' } });
    const oldResources = inventoryOf(await inventory(), 'own-c');
    expect(oldResources.servers).toHaveLength(1);

    const body = provisionRequestSchema.parse({ node_config: { node_name: 'own-c', server_profile: 'cx3d-metal-48x128' } });
    const attempt = provisionNodes(body, { dryRun: false, requestedBy: 'test' }, testDeps(cloud));
    await expect(attempt).rejects.toMatchObject({
      kind: 'conflict',
      details: { errors: [expect.objectContaining({ field: 'node_config.node_name', message: expect.stringMatching(new RegExp(`node own-c \\(id ${old.nodeId}\\)`)) })] },
    });
    expect(await db.node.count({ where: { name: 'own-c' } })).toBe(1);

    // The same resources, untouched, are still the old node's; its cleanup removes exactly them.
    const still = inventoryOf(await inventory(), 'own-c');
    expect(still.servers.map((s) => s.id)).toEqual(oldResources.servers.map((s) => s.id));
    expect(await cleanNode(old.nodeId)).toBe('succeeded');
    const gone = inventoryOf(await inventory(), 'own-c');
    expect([gone.servers, gone.vnis, gone.reservedIps, gone.dns]).toEqual([[], [], [], []]);

    // Once its ledger is empty the name is free again, and the new node gets new resources.
    const fresh = await provisionAndDrive('own-c');
    expect(fresh.nodeId).not.toBe(old.nodeId);
    const now = inventoryOf(await inventory(), 'own-c');
    expect(now.servers).toHaveLength(1);
    expect(now.servers[0].id).not.toBe(oldResources.servers[0].id);
    expect(await db.cloudResource.count({ where: { nodeId: old.nodeId, state: { not: 'deleted' } } })).toBe(0);
  });

  it('adopts its own VNI after the create\'s answer was lost, and tags it', async () => {
    // The VNI create succeeds in the cloud, but the answer is an error: the step fails and is retried.
    await cloud.setFaults({ queue: [
      { status: 500, method: 'POST', pathIncludes: '/virtual_network_interfaces', afterProcessing: true },
      { status: 500, method: 'GET', pathIncludes: '/virtual_network_interfaces' },
      { status: 500, method: 'GET', pathIncludes: '/virtual_network_interfaces' },
      { status: 500, method: 'GET', pathIncludes: '/virtual_network_interfaces' },
      { status: 500, method: 'GET', pathIncludes: '/virtual_network_interfaces' },
      { status: 500, method: 'GET', pathIncludes: '/virtual_network_interfaces' },
    ] });
    const { nodeId, deploymentId } = await provisionAndDrive('own-d');
    const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { steps: true } });
    expect(deployment.status).toBe('succeeded');
    expect(deployment.steps.find((s) => s.name === 'create_vnis')!.attempts).toBeGreaterThan(1);
    const mine = inventoryOf(await inventory(), 'own-d');
    expect(mine.vnis.map((v) => v.name).sort()).toEqual(['nvo-own-d-mgmt-vni', 'nvo-own-d-workload-vni']);
    expect(mine.vnis.every((v) => v.tags.length === 1 && v.tags[0].startsWith('nvo-installation:'))).toBe(true);
    expect(await db.cloudResource.count({ where: { nodeId, kind: 'vni', state: 'created' } })).toBe(2);
  });
});

describe('the ledger never hands a live row to a new owner', () => {
  it('refuses an intent for a name another node still holds, naming it, and leaves the row as it was', async () => {
    const { recordIntent } = await import('@/lib/ledger/ledger');
    const holder = await db.node.create({ data: { name: 'held', serverProfile: 'cx3d-metal-48x128', status: 'failed' } });
    const other = await db.node.create({ data: { name: 'held', serverProfile: 'cx3d-metal-48x128', status: 'provisioning' } });
    const { row } = await recordIntent({ kind: 'vni', name: 'nvo-held-mgmt-vni', nodeId: holder.id, subnetId: 's' });
    await db.cloudResource.update({ where: { id: row.id }, data: { state: 'failed', cloudId: 'vni-1' } });

    await expect(recordIntent({ kind: 'vni', name: 'nvo-held-mgmt-vni', nodeId: other.id, subnetId: 's' }))
      .rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(new RegExp(`nvo-held-mgmt-vni is still held by node held \\(id ${holder.id}\\)`)) });
    expect(await db.cloudResource.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ nodeId: holder.id, state: 'failed', cloudId: 'vni-1' });
    expect(await db.cloudResource.count()).toBe(1);
  });
});

describe('the admin way out of a name held by a failed cleanup', () => {
  it('releases a ledger row only once its resource is gone (audited), then a retried cleanup frees the name', async () => {
    const admin = (await userWithToken('admin')).token;
    const old = await provisionAndDrive('own-e');
    await db.node.update({ where: { id: old.nodeId }, data: { status: 'failed', failureReason: 'Cleanup failed at delete_server: test' } });
    const serverRow = await db.cloudResource.findFirstOrThrow({ where: { nodeId: old.nodeId, kind: 'bare_metal_server' } });
    const release = async () => {
      const res = await releaseRow(request(`/api/cleanup/resources/${serverRow.id}/release`, { method: 'POST', token: admin }), params({ id: serverRow.id }));
      return { status: res.status, body: await res.json() };
    };

    const refused = await release();
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/nvo-own-e still exists in the cloud/);
    expect((await db.cloudResource.findUniqueOrThrow({ where: { id: serverRow.id } })).state).toBe('created');

    // The operator deletes the server by hand.
    await cloud.client.vpc.deleteBareMetalServer(serverRow.cloudId!);
    for (let i = 0; i < 100 && (await cloud.client.vpc.listBareMetalServers({ name: 'nvo-own-e' })).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    const released = await release();
    expect(released.status).toBe(200);
    expect(released.body.resource).toMatchObject({ id: serverRow.id, state: 'deleted' });
    expect(await db.auditLog.count({ where: { action: 'cleanup.release_resource', targetId: serverRow.id } })).toBe(1);

    // Other rows are still live: the name stays reserved until the retried cleanup deletes them.
    const body = provisionRequestSchema.parse({ node_config: { node_name: 'own-e', server_profile: 'cx3d-metal-48x128' } });
    await expect(provisionNodes(body, { dryRun: false, requestedBy: 'test' }, testDeps(cloud))).rejects.toMatchObject({ kind: 'conflict' });
    expect(await cleanNode(old.nodeId)).toBe('succeeded');
    const gone = inventoryOf(await inventory(), 'own-e');
    expect([gone.servers, gone.vnis, gone.reservedIps, gone.dns]).toEqual([[], [], [], []]);
    const again = await provision('own-e');
    expect(again.accepted).toHaveLength(1);
  });
});

describe('a reserved IP ledger row without its subnet', () => {
  it('fails the cleanup naming it instead of marking it deleted without a cloud call', async () => {
    const { nodeId } = await provisionAndDrive('own-f');
    const row = await db.cloudResource.findFirstOrThrow({ where: { nodeId, kind: 'reserved_ip', name: 'nvo-own-f-mgmt' } });
    await db.cloudResource.update({ where: { id: row.id }, data: { subnetId: null } });

    expect(await cleanNode(nodeId)).toBe('failed');
    const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node.failureReason).toMatch(/release_reserved_ips: Reserved IP nvo-own-f-mgmt has no subnet recorded/);
    expect((await db.cloudResource.findUniqueOrThrow({ where: { id: row.id } })).state).not.toBe('deleted');
    expect(inventoryOf(await inventory(), 'own-f').reservedIps.map((r) => r.name)).toContain('nvo-own-f-mgmt');
  });
});
