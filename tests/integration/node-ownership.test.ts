import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as reinitialize } from '@/app/api/reinitialize/route';
import type { CleanupContext } from '@/lib/cleanup/context';
import { runCleanupDeployment } from '@/lib/cleanup/runner';
import { startNodeCleanup } from '@/lib/cleanup/start';
import { db } from '@/lib/db/client';
import type { CloudClient } from '@/lib/ibmcloud';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { runDeployment } from '@/lib/provisioning/workflow';
import { applyPhaseReport } from '@/lib/status/apply-phase-report';
import { detectStuckNodes } from '@/lib/status/stuck';
import { resetDatabase } from '../helpers/db';
import { testDeps } from '../helpers/provisioning';
import { request } from '../helpers/request';
import { startTestCloud, type TestCloud } from '../helpers/simulator';
import { userWithToken } from '../helpers/users';

let cloud: TestCloud;
const noEnqueue = async () => undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A point inside a cloud call where the test holds the caller until it says go. */
function gate() {
  let enter!: () => void;
  let go!: () => void;
  const entered = new Promise<void>((r) => (enter = r));
  const released = new Promise<void>((r) => (go = r));
  return { entered, release: () => go(), hold: async () => (enter(), await released) };
}

/** The client with one method held at the gate, before (`before`) or after the real call. */
function gatedClient(client: CloudClient, api: 'vpc' | 'dns', method: string, g: ReturnType<typeof gate>, when: 'before' | 'after', nth = 1): CloudClient {
  let calls = 0;
  const wrapped = new Proxy(client[api] as object, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        const held = ++calls === nth;
        if (held && when === 'before') await g.hold();
        const result = await value.apply(target, args);
        if (held && when === 'after') await g.hold();
        return result;
      };
    },
  });
  return { ...client, [api]: wrapped } as CloudClient;
}

async function provision(name: string) {
  const body = provisionRequestSchema.parse({ node_config: { node_name: name, server_profile: 'bx2d-metal-96x384' } });
  const result = await provisionNodes(body, { dryRun: false, requestedBy: 'test' }, testDeps(cloud));
  if (result.dry_run) throw new Error('dry run');
  return result.accepted[0];
}

/** Runs a deployment the way the job worker does until it has nothing left to do. */
async function driveToEnd(deploymentId: string, client: CloudClient, tick?: () => Promise<void>) {
  const deps = testDeps(cloud, client);
  for (let i = 0; i < 2000; i++) {
    const outcome = await runDeployment(deploymentId, deps);
    if (outcome.next === 'none') return;
    await tick?.();
    await sleep(Math.min(outcome.delayMs, 30));
  }
  throw new Error(`deployment ${deploymentId} did not end`);
}

function cleanupContext(client: CleanupContext['cloud']): CleanupContext {
  return { cloud: client, sleep: async (ms) => void (await sleep(ms)), pollIntervalMs: 20, waitTimeoutMs: 3000 };
}

/** Runs a cleanup the way its job does: again after a wait, a busy runner or a transient error. */
async function driveCleanup(deploymentId: string, ctx: CleanupContext) {
  for (let i = 0; i < 500; i++) {
    const outcome = await runCleanupDeployment(deploymentId, ctx, 0).catch(() => 'retry' as const);
    if (outcome === 'succeeded' || outcome === 'failed' || outcome === 'finished_already') return outcome;
    await sleep(30);
  }
  throw new Error(`cleanup ${deploymentId} did not end`);
}

async function live(nodeId: number) {
  return db.cloudResource.count({ where: { nodeId, state: { not: 'deleted' } } });
}

function totalInventory(inv: Record<string, unknown[]>) {
  return ['bare_metal_servers', 'virtual_network_interfaces', 'reserved_ips', 'dns_records'].flatMap((k) => inv[k] ?? []);
}

describe('one workflow per node (simulator)', () => {
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => cloud?.close());
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
  });

  /** A provision held inside register_dns while a cleanup of its node is requested and run. */
  async function cleanupDuringProvision(name: string, meanwhile: (nodeId: number) => Promise<void>) {
    const { node_id: nodeId, deployment_id: provisionId } = await provision(name);
    // The provision is inside register_dns (its last PTR is created, the answer not yet back).
    const provisionGate = gate();
    const provisionClient = gatedClient(cloud.client, 'dns', 'createPtrRecord', provisionGate, 'after', 4);
    const provisioning = driveToEnd(provisionId, provisionClient);
    await provisionGate.entered;

    const started = await startNodeCleanup(nodeId, 'tester', noEnqueue);
    // The cleanup's VNI deletes wait at a gate too, so the two cannot interleave by luck.
    const cleanupGate = gate();
    const cleanupClient = gatedClient(cloud.client, 'vpc', 'deleteVirtualNetworkInterface', cleanupGate, 'before');
    const cleaning = driveCleanup(started.deploymentId, cleanupContext(cleanupClient));
    await sleep(300);
    provisionGate.release();
    await provisioning;
    await meanwhile(nodeId);
    cleanupGate.release();
    return { nodeId, provisionId, outcome: await cleaning };
  }

  it('a cleanup during a provision stops it at a step boundary, then deletes exactly the ledger: nothing leaks', async () => {
    const { nodeId, provisionId, outcome } = await cleanupDuringProvision('own1', async () => {});
    expect(outcome).toBe('succeeded');
    expect(totalInventory(await cloud.inventory())).toEqual([]);
    expect(await live(nodeId)).toBe(0);
    const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node).toMatchObject({ status: 'cleaned', activeDeploymentId: null });
    const provisionRun = await db.deployment.findUniqueOrThrow({ where: { id: provisionId }, include: { steps: true } });
    expect(provisionRun.status).toBe('cancelled');
    expect(provisionRun.steps.find((s) => s.name === 'wait_running')?.status).toBe('pending');
  });

  it('refuses a reinitialize while a cleanup runs (409 problem saying why)', async () => {
    const { token } = await userWithToken('operator');
    const { nodeId, outcome } = await cleanupDuringProvision('own5', async (nodeId) => {
      const res = await reinitialize(request('/api/reinitialize', { token, body: { node_id: nodeId } }));
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toMatch(/clean/);
    });
    expect(outcome).toBe('succeeded');
    expect(await db.deployment.count({ where: { nodeId, kind: 'reinitialize' } })).toBe(0);
  });

  it('refuses to reinitialize a failed node while its rollback runs, then the rollback leaves nothing', async () => {
    const { token } = await userWithToken('operator');
    const { node_id: nodeId, deployment_id: provisionId } = await provision('own2');
    // The rollback holds before its server delete; the node has failed and still has its server.
    const rollbackGate = gate();
    const client = gatedClient(cloud.client, 'vpc', 'deleteBareMetalServer', rollbackGate, 'before');
    let reported = false;
    const failAtBoot = async () => {
      const step = await db.deploymentStep.findFirst({ where: { deploymentId: provisionId, name: 'wait_boot', status: 'running' } });
      if (reported || !step) return;
      reported = true;
      await applyPhaseReport({ nodeId, phase: 'ipxe_boot', status: 'failed', message: 'no boot device', source: 'node' });
    };
    const provisioning = driveToEnd(provisionId, client, failAtBoot);
    await rollbackGate.entered;
    expect(await db.node.findUniqueOrThrow({ where: { id: nodeId } })).toMatchObject({ status: 'failed' });

    const res = await reinitialize(request('/api/reinitialize', { token, body: { node_id: nodeId } }));
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/rollback/);

    rollbackGate.release();
    await provisioning;
    expect(await db.deployment.count({ where: { nodeId, kind: 'reinitialize' } })).toBe(0);
    expect(totalInventory(await cloud.inventory())).toEqual([]);
    expect(await db.node.findUniqueOrThrow({ where: { id: nodeId } })).toMatchObject({ status: 'failed', activeDeploymentId: null });
  });

  it('a reinitialize during a provision supersedes it at a step boundary and takes the node', async () => {
    const { token } = await userWithToken('operator');
    const { node_id: nodeId, deployment_id: provisionId } = await provision('own3');
    await driveUntil(provisionId, async () => (await db.deploymentStep.findFirst({ where: { deploymentId: provisionId, name: 'wait_boot', status: 'running' } })) !== null);
    const res = await reinitialize(request('/api/reinitialize', { token, body: { node_id: nodeId } }));
    expect(res.status).toBe(202);
    const { deployment_id: reinitId } = await res.json();
    expect(await db.deployment.findUniqueOrThrow({ where: { id: provisionId } })).toMatchObject({ status: 'cancelled' });
    // The superseded provision gives the node back on its next run; the reinitialize then owns it.
    await runDeployment(provisionId, testDeps(cloud));
    await runDeployment(reinitId, testDeps(cloud));
    expect(await db.node.findUniqueOrThrow({ where: { id: nodeId } })).toMatchObject({ activeDeploymentId: reinitId });
  });

  it('backfills the owner of each node from the deployments running when the migration runs', async () => {
    const sql = readFileSync(path.resolve('prisma/migrations/20261203110000_node_active_deployment/migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('UPDATE "Node"'));
    const make = (name: string) => db.node.create({ data: { name, serverProfile: 'bx2d-metal-96x384', status: 'deploying' } });
    const [running, cleaning, done, rolling] = [await make('bf1'), await make('bf2'), await make('bf3'), await make('bf4')];
    const deployment = (nodeId: number, kind: string, status: string) => db.deployment.create({ data: { nodeId, kind, status } });
    const provision = await deployment(running.id, 'provision', 'running');
    await deployment(cleaning.id, 'provision', 'running');
    const cleanup = await deployment(cleaning.id, 'cleanup', 'pending');
    await deployment(done.id, 'provision', 'succeeded');
    const rollback = await deployment(rolling.id, 'provision', 'compensating');
    await db.node.updateMany({ data: { activeDeploymentId: null } });
    await db.$executeRawUnsafe(backfill);
    const owners = await db.node.findMany({ orderBy: { id: 'asc' }, select: { activeDeploymentId: true } });
    expect(owners.map((o) => o.activeDeploymentId)).toEqual([provision.id, cleanup.id, null, rollback.id]);
  });

  it('marks a silent node stuck once, whichever of the install step and stuck detection sees it first', async () => {
    const { node_id: nodeId, deployment_id: provisionId } = await provision('own4');
    await driveUntil(provisionId, async () => (await db.deploymentStep.findFirst({ where: { deploymentId: provisionId, name: 'wait_boot', status: 'running' } })) !== null);
    await applyPhaseReport({ nodeId, phase: 'ipxe_boot', status: 'started', source: 'node' });
    await applyPhaseReport({ nodeId, phase: 'ipxe_boot', status: 'completed', source: 'node' });
    await applyPhaseReport({ nodeId, phase: 'config_download', status: 'started', source: 'node' });
    await runDeployment(provisionId, testDeps(cloud));
    expect(await db.deploymentStep.findFirst({ where: { deploymentId: provisionId, name: 'install' } })).toMatchObject({ status: 'running' });
    const later = new Date(Date.now() + 3600_000);
    expect(await detectStuckNodes(later)).toHaveLength(1);
    const deps = { ...testDeps(cloud), now: () => later };
    for (let i = 0; i < 5; i++) await runDeployment(provisionId, deps);
    expect(await db.deploymentEvent.count({ where: { nodeId, phase: 'stuck' } })).toBe(1);
    expect(await db.node.findUniqueOrThrow({ where: { id: nodeId } })).toMatchObject({ status: 'stuck' });
  });
});

async function driveUntil(deploymentId: string, done: () => Promise<boolean>) {
  const deps = testDeps(cloud);
  for (let i = 0; i < 1000 && !(await done()); i++) {
    const outcome = await runDeployment(deploymentId, deps);
    if (outcome.next === 'none') throw new Error('ended early');
    await sleep(Math.min(outcome.delayMs, 30));
  }
}
