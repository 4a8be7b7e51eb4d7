import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { provisionNodes } from '@/lib/provisioning/provision';
import { reinitializeNode } from '@/lib/provisioning/reinitialize';
import { runDeployment } from '@/lib/provisioning/workflow';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import type { NodePlan } from '@/lib/provisioning/plan';
import type { CloudClient, ReservedIpPrototype } from '@/lib/ibmcloud';
import { resetDatabase } from '../helpers/db';
import { drive, inventoryOf, nodePlayer, testDeps, type Inventory } from '../helpers/provisioning';
import { startTestCloud, type TestCloud } from '../helpers/simulator';
import { statementsDuring } from '../helpers/statements';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

async function provision(name: string, extra: Record<string, unknown> = {}, dryRun = false) {
  const body = provisionRequestSchema.parse({ node_config: { node_name: name, server_profile: 'cx3d-metal-48x128' }, ...extra });
  return provisionNodes(body, { dryRun, requestedBy: 'test' }, testDeps(cloud));
}

/** What the simulator really holds for a node, in the shape of a plan. */
function actualResources(inv: Inventory, nodeName: string) {
  const mine = inventoryOf(inv, nodeName);
  return {
    server: mine.servers.map((s) => ({ name: s.name, profile: s.profile })),
    reserved_ips: mine.reservedIps.map((r) => ({ name: r.name, subnet_id: r.subnet_id, address: r.address })).sort((a, b) => a.name.localeCompare(b.name)),
    vnis: mine.vnis.map((v) => ({ name: v.name, subnet_id: v.subnet_id })).sort((a, b) => a.name.localeCompare(b.name)),
    dns: mine.dns.map((r) => `${r.type} ${r.type === 'A' ? r.name : r.rdata.ptrdname} ${r.type === 'A' ? r.rdata.ip : r.name}`).sort(),
  };
}

function plannedResources(plan: NodePlan, zone: string) {
  const reverse = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return {
    server: [{ name: plan.server.name, profile: plan.server.profile }],
    reserved_ips: plan.reserved_ips.map(({ name, subnet_id, address }) => ({ name, subnet_id, address })).sort((a, b) => a.name.localeCompare(b.name)),
    vnis: plan.vnis.map(({ name, subnet_id }) => ({ name, subnet_id })).sort((a, b) => a.name.localeCompare(b.name)),
    dns: plan.dns_records
      .map((r) => (r.type === 'A' ? `A ${r.name}.${zone} ${r.rdata}` : `PTR ${r.rdata} ${reverse(r.name)}`))
      .sort(),
  };
}

describe('node provisioning workflow (simulator)', () => {
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
  });

  it('takes a node through every step to deployed, creating exactly what its dry-run plan said', async () => {
    const dry = await provision('ntnx-a', {}, true);
    if (!dry.dry_run) throw new Error('expected a plan');
    expect(await db.node.count()).toBe(0);
    expect((await cloud.inventory()).totals).toMatchObject({ bare_metal_servers: 0, reserved_ips: expect.any(Number) });
    const [plan] = dry.nodes;
    expect(plan.user_data).toBe('http://localhost:3000/boot/config?node_id={node_id}&token=[REDACTED]');

    const real = await provision('ntnx-a');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ node_id, deployment_id }] = real.accepted;
    await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });

    const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deployment_id }, include: { steps: { orderBy: { position: 'asc' } } } });
    expect(deployment.status).toBe('succeeded');
    expect(deployment.steps.map((s) => [s.name, s.status])).toEqual(
      ['validate', 'allocate_ips', 'create_vnis', 'create_server', 'register_dns', 'wait_running', 'wait_boot', 'install', 'deployed'].map((n) => [n, 'succeeded']),
    );
    const node = await db.node.findUniqueOrThrow({ where: { id: node_id } });
    expect(node).toMatchObject({ status: 'deployed', progress: 100 });

    const inv = (await cloud.inventory()) as Inventory;
    expect(actualResources(inv, 'ntnx-a')).toEqual(plannedResources(plan, cloud.config.DNS_ZONE_NAME));
    expect(node.managementIp).toBe(plan.reserved_ips.find((r) => r.purpose === 'management')!.address);
    const stored = deployment.plan as unknown as NodePlan;
    expect(stored.user_data).toBe(`http://localhost:3000/boot/config?node_id=${node_id}&token=[REDACTED]`);
    const serverStep = deployment.steps.find((s) => s.name === 'create_server')!.output as { userData: string };
    expect(serverStep.userData).toBe(stored.user_data);

    const ledger = await db.cloudResource.findMany({ where: { nodeId: node_id } });
    expect(ledger).toHaveLength(15);
    expect(ledger.every((r) => r.state === 'created' && r.cloudId)).toBe(true);
    const timeline = await db.deploymentEvent.findMany({ where: { nodeId: node_id } });
    expect(new Set(timeline.filter((e) => e.status === 'completed').map((e) => e.phase))).toEqual(
      new Set(['provisioning', 'allocate_ips', 'create_vnis', 'register_dns', 'create_server', 'wait_running', 'ibm_cloud_status', 'wait_boot', 'install', 'deployed',
        'ipxe_boot', 'config_download', 'foundation_start', 'storage_discovery', 'image_download', 'installation', 'cluster_formation', 'dns_registration', 'health_validation']),
    );
  });

  it('gives its job loop back once its server is created: queued deployments get their servers before it registers DNS', async () => {
    const real = await provision('ntnx-first');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ deployment_id }] = real.accepted;
    const stepStatus = async () =>
      Object.fromEntries((await db.deploymentStep.findMany({ where: { deploymentId: deployment_id } })).map((s) => [s.name, s.status]));

    // With hundreds queued, a run that went on into DNS (16 calls against the DNS API's limit)
    // kept the next deployments' servers waiting behind it (bench/provisions.ts).
    expect(await runDeployment(deployment_id, testDeps(cloud))).toEqual({ next: 'run', delayMs: 0 });
    expect(await stepStatus()).toMatchObject({ create_server: 'succeeded', register_dns: 'pending' });
    await runDeployment(deployment_id, testDeps(cloud));
    expect(await stepStatus()).toMatchObject({ register_dns: 'succeeded' });
  });

  it('creates its VNIs and server without looking for them first: their names are unique, so a same-name one fails the create', async () => {
    const real = await provision('ntnx-nolook');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ deployment_id }] = real.accepted;
    const operations = async (): Promise<Record<string, number>> => (await cloud.json('/control/rate-limit')).body.operations;
    const before = await operations();
    await runDeployment(deployment_id, testDeps(cloud));
    const after = await operations();
    const calls = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    expect(calls('POST /v1/virtual_network_interfaces')).toBe(2);
    expect(calls('POST /v1/bare_metal_servers')).toBe(1);
    // Listing every VNI of the account per VNI was a quarter of a provision's VPC calls (bench/provisions.ts).
    expect(calls('GET /v1/virtual_network_interfaces')).toBe(0);
    expect(calls('GET /v1/bare_metal_servers')).toBe(0);
  });

  it('takes another address when someone reserves the chosen one between the listing and the create, leaving theirs alone', async () => {
    const real = await provision('ntnx-taken');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ node_id, deployment_id }] = real.accepted;
    // Someone reserves the node's first address just before our create of it: IBM refuses ours
    // with address_is_already_reserved (before: the provision failed and rolled back).
    let theirs: { id: string; address: string; subnetId: string } | undefined;
    const vpc = Object.assign(Object.create(cloud.client.vpc) as CloudClient['vpc'], {
      async reserveIp(subnetId: string, prototype: ReservedIpPrototype) {
        if (!theirs && prototype.address) {
          const ip = await cloud.client.vpc.reserveIp(subnetId, { name: 'someone-else', address: prototype.address });
          theirs = { id: ip.id, address: ip.address, subnetId };
        }
        return cloud.client.vpc.reserveIp(subnetId, prototype);
      },
    });
    const deps = testDeps(cloud, { ...cloud.client, vpc });

    await drive(deployment_id, deps, { until: async () => (await db.deployment.findUniqueOrThrow({ where: { id: deployment_id } })).currentStep === 'wait_boot' });

    expect(theirs).toBeDefined();
    const node = await db.node.findUniqueOrThrow({ where: { id: node_id } });
    expect([node.managementIp, node.ahvIp, node.cvmIp, node.workloadIp]).not.toContain(theirs!.address);
    expect(await cloud.client.vpc.getReservedIp(theirs!.subnetId, theirs!.id)).toMatchObject({ name: 'someone-else', address: theirs!.address });
    const live = await db.ipAllocation.findMany({ where: { nodeId: node_id, releasedAt: null } });
    expect(live).toHaveLength(4);
    expect(live.map((a) => a.address)).not.toContain(theirs!.address);
    const step = await db.deploymentStep.findUniqueOrThrow({ where: { deploymentId_name: { deploymentId: deployment_id, name: 'allocate_ips' } } });
    expect(step).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await db.cloudResource.count({ where: { nodeId: node_id, kind: 'reserved_ip', state: 'created' } })).toBe(4);
  });

  it('costs the database few statements per resource in its first run (200 at once are bound by CPU: bench/provisions.ts)', async () => {
    await provision('ntnx-other'); // another node's addresses already allocated
    const real = await provision('ntnx-count');
    if (real.dry_run) throw new Error('expected a real run');
    const statements = (await statementsDuring(() => runDeployment(real.accepted[0].deployment_id, testDeps(cloud)))).map((q) => q.text);
    const touching = (table: string) => statements.filter((t) => t.includes(`"${table}"`)).length;
    // Seven resources (four reserved IPs, two VNIs, a server): intent (marked sent), the
    // ownership check of what the create returned, created. Was five each.
    expect(touching('CloudResource')).toBeLessThanOrEqual(7 * 3);
    // Four addresses: this node's live one, else the first free one chosen and inserted by the
    // database in one statement. Was three each, one of them reading every live address of the subnet.
    expect(touching('IpAllocation')).toBeLessThanOrEqual(4 * 2);
    expect(statements.length).toBeLessThanOrEqual(68); // 88 before: a step's event and its announcement are one statement too
  });

  it('reserves a node\'s four addresses and creates its two VNIs side by side, not one after another', async () => {
    const real = await provision('ntnx-side');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ deployment_id }] = real.accepted;
    const most = { reserveIp: 0, createVirtualNetworkInterface: 0 };
    const inFlight = { reserveIp: 0, createVirtualNetworkInterface: 0 };
    const track = <A extends unknown[], R>(name: keyof typeof most, call: (...args: A) => Promise<R>) => async (...args: A) => {
      most[name] = Math.max(most[name], ++inFlight[name]);
      try {
        await new Promise((r) => setTimeout(r, 100)); // a cloud call's latency: long enough to overlap
        return await call(...args);
      } finally {
        inFlight[name]--;
      }
    };
    const realVpc = cloud.client.vpc;
    const vpc = Object.assign(Object.create(realVpc) as CloudClient['vpc'], {
      reserveIp: track('reserveIp', realVpc.reserveIp.bind(realVpc)),
      createVirtualNetworkInterface: track('createVirtualNetworkInterface', realVpc.createVirtualNetworkInterface.bind(realVpc)),
    });
    await runDeployment(deployment_id, testDeps(cloud, { ...cloud.client, vpc }));
    expect(most).toEqual({ reserveIp: 4, createVirtualNetworkInterface: 2 });
  });

  it('gives 20 concurrent provisions 20 distinct address sets, each reserved once in the cloud', async () => {
    const bulk = await provision('bulk-{n}', { count: 20 });
    if (bulk.dry_run) throw new Error('expected a real run');
    expect(bulk.accepted).toHaveLength(20);
    const deps = testDeps(cloud);
    await Promise.all(
      bulk.accepted.map((n) =>
        drive(n.deployment_id, deps, {
          timeoutMs: 60_000,
          until: async () => (await db.deployment.findUniqueOrThrow({ where: { id: n.deployment_id } })).currentStep === 'wait_boot',
        }),
      ),
    );
    const nodes = await db.node.findMany();
    const sets = nodes.map((n) => [n.managementIp, n.ahvIp, n.cvmIp, n.workloadIp]);
    expect(sets.flat().every(Boolean)).toBe(true);
    expect(new Set(nodes.flatMap((n) => [n.managementIp, n.ahvIp, n.cvmIp])).size).toBe(60);
    expect(new Set(nodes.map((n) => n.workloadIp)).size).toBe(20);
    const inv = (await cloud.inventory()) as Inventory;
    const ours = inv.reserved_ips.filter((r) => r.name.startsWith('nvo-bulk-'));
    expect(ours).toHaveLength(80);
    expect(new Set(ours.map((r) => `${r.subnet_id}/${r.address}`)).size).toBe(80);
    expect(inv.bare_metal_servers.filter((s) => s.name.startsWith('nvo-bulk-'))).toHaveLength(20);
  }, 90_000);

  it('reinitializes a deployed node: new token, server re-imaged, installs again to deployed', async () => {
    const real = await provision('ntnx-r');
    if (real.dry_run) throw new Error('expected a real run');
    const [{ node_id, deployment_id }] = real.accepted;
    await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });
    const before = await db.node.findUniqueOrThrow({ where: { id: node_id } });
    expect(before.status).toBe('deployed');

    const result = await reinitializeNode({ mgmt_ip: before.managementIp! }, 'test');
    expect(result).toMatchObject({ node_id, server_id: before.bareMetalId, management_ip: before.managementIp });
    await drive(result.deployment_id, testDeps(cloud), { tick: nodePlayer(node_id), timeoutMs: 30_000 });

    const after = await db.node.findUniqueOrThrow({ where: { id: node_id } });
    expect(after.status).toBe('deployed');
    expect(after.bootTokenHash).not.toBe(before.bootTokenHash);
    const steps = await db.deploymentStep.findMany({ where: { deploymentId: result.deployment_id }, orderBy: { position: 'asc' } });
    expect(steps.map((s) => [s.name, s.status])).toEqual(
      ['stop_server', 'reinitialize_server', 'wait_running', 'wait_boot', 'install', 'deployed'].map((n) => [n, 'succeeded']),
    );
    const inv = inventoryOf((await cloud.inventory()) as Inventory, 'ntnx-r');
    expect([inv.servers.length, inv.vnis.length, inv.reservedIps.length, inv.dns.length]).toEqual([1, 2, 4, 8]);
  });
});
