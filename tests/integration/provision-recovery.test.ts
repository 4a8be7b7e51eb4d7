import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { resetDatabase } from '../helpers/db';
import { drive, failingClient, inventoryOf, nodePlayer, testDeps, type Inventory } from '../helpers/provisioning';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

async function provision(name: string) {
  const body = provisionRequestSchema.parse({ node_config: { node_name: name, server_profile: 'bx2d-metal-96x384' } });
  const result = await provisionNodes(body, { dryRun: false }, testDeps(cloud));
  if (result.dry_run) throw new Error('expected a real run');
  return result.accepted[0];
}

async function mine(name: string) {
  return inventoryOf((await cloud.inventory()) as Inventory, name);
}

async function expectRolledBack(nodeId: number, name: string) {
  const left = await mine(name);
  expect(left).toEqual({ servers: [], vnis: [], reservedIps: [], dns: [] });
  expect(await db.cloudResource.count({ where: { nodeId, state: { not: 'deleted' } } })).toBe(0);
  expect(await db.ipAllocation.count({ where: { nodeId, releasedAt: null } })).toBe(0);
  expect(await db.dnsRecord.count({ where: { nodeId } })).toBe(0);
  const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
  expect(node.status).toBe('failed');
  expect(node.failureReason).toBeTruthy();
  return node;
}

describe('provisioning failures and crashes (simulator)', () => {
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
    await cloud.setFaults({ latencyMs: 0, queue: [] });
  });

  /** Step, the injected failure, and how many resources existed (and were rolled back) by then. */
  const permanentFailures: [string, (c: TestCloud) => ReturnType<typeof failingClient>, number][] = [
    ['validate', (c) => failingClient(c.client, 'vpc', 'subnetCidr'), 0],
    ['allocate_ips', (c) => failingClient(c.client, 'vpc', 'reserveIp', 3), 2],
    ['create_vnis', (c) => failingClient(c.client, 'vpc', 'createVirtualNetworkInterface', 2), 5],
    ['create_server', (c) => failingClient(c.client, 'vpc', 'createBareMetalServer'), 4 + 2],
    ['register_dns', (c) => failingClient(c.client, 'dns', 'createPtrRecord', 3), 4 + 2 + 1 + 5],
  ];

  for (const [step, client, createdBefore] of permanentFailures) {
    it(`rolls back everything when ${step} fails permanently`, async () => {
      const { node_id, deployment_id } = await provision(`rb-${step.replace('_', '-')}`);
      await drive(deployment_id, testDeps(cloud, client(cloud)));
      const node = await expectRolledBack(node_id, `rb-${step.replace('_', '-')}`);
      expect(node.failedStep).toBe(step);
      const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deployment_id }, include: { steps: true } });
      expect(deployment.status).toBe('failed');
      expect(deployment.steps.find((s) => s.name === step)).toMatchObject({ status: 'failed', attempts: 1 });
      expect(await db.cloudResource.count({ where: { nodeId: node_id, state: 'deleted', cloudId: { not: null } } })).toBe(createdBefore);
    });
  }

  it('rolls back when the bare-metal server fails to start', async () => {
    const { node_id, deployment_id } = await provision('rb-server-failed');
    let failed = false;
    const tick = async () => {
      if (failed) return;
      const { servers } = await mine('rb-server-failed');
      if (servers.length === 0) return;
      await cloud.json(`/control/servers/${servers[0].name}/fail`, { method: 'POST', body: '{}' });
      failed = true;
    };
    await drive(deployment_id, testDeps(cloud), { tick });
    const node = await expectRolledBack(node_id, 'rb-server-failed');
    expect(node.failedStep).toBe('wait_running');
    expect(node.failureReason).toContain('cannot_start_capacity');
  });

  for (const phase of ['ipxe_boot', 'installation']) {
    it(`rolls back when the node reports ${phase} failed`, async () => {
      const name = `rb-${phase.replace('_', '-')}`;
      const { node_id, deployment_id } = await provision(name);
      await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id, phase) });
      const node = await expectRolledBack(node_id, name);
      expect(node.failedStep).toBe(phase);
    });
  }

  it('retries transient cloud errors (429, 500) and still creates each resource once', async () => {
    await cloud.setFaults({
      queue: [
        { status: 429, method: 'POST', pathIncludes: 'reserved_ips', retryAfter: 0 },
        { status: 500, method: 'POST', pathIncludes: 'virtual_network_interfaces', afterProcessing: true },
        { status: 503, method: 'POST', pathIncludes: 'bare_metal_servers', afterProcessing: true },
      ],
    });
    const { node_id, deployment_id } = await provision('flaky');
    await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });
    const left = await mine('flaky');
    expect([left.servers.length, left.vnis.length, left.reservedIps.length, left.dns.length]).toEqual([1, 2, 4, 8]);
    expect((await db.node.findUniqueOrThrow({ where: { id: node_id } })).status).toBe('deployed');
  });

  it('resumes after the worker is killed mid-step, without duplicating any cloud resource', async () => {
    await cloud.setFaults({ latencyMs: 120 });
    const { node_id, deployment_id } = await provision('crashy');
    const killPoints: ((inv: Awaited<ReturnType<typeof mine>>) => boolean)[] = [
      (inv) => inv.reservedIps.length >= 2,
      (inv) => inv.vnis.length >= 1,
      (inv) => inv.dns.length >= 3,
      (inv) => inv.servers.length >= 1,
    ];
    for (const reached of killPoints) {
      const child = startWorker(deployment_id);
      try {
        await waitFor(async () => reached(await mine('crashy')), 30_000);
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    }
    await cloud.setFaults({ latencyMs: 0 });
    await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });

    expect((await db.node.findUniqueOrThrow({ where: { id: node_id } })).status).toBe('deployed');
    const left = await mine('crashy');
    expect([left.servers.length, left.vnis.length, left.reservedIps.length, left.dns.length]).toEqual([1, 2, 4, 8]);
    const ledger = await db.cloudResource.findMany({ where: { nodeId: node_id, state: { not: 'deleted' } } });
    const inCloud = new Set([...left.servers, ...left.vnis, ...left.reservedIps, ...left.dns].map((r) => r.id));
    expect(new Set(ledger.map((r) => r.cloudId))).toEqual(inCloud);
  }, 120_000);
});

function startWorker(deploymentId: string): ChildProcess {
  const root = path.resolve(import.meta.dirname, '../..');
  return spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'tests/helpers/deployment-child.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DEPLOYMENT_ID: deploymentId,
      IBMCLOUD_IAM_URL: cloud.sim.iamUrl,
      IBMCLOUD_VPC_URL: cloud.sim.vpcUrl,
      IBMCLOUD_DNS_URL: cloud.sim.dnsUrl,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error('condition not reached in time');
}
