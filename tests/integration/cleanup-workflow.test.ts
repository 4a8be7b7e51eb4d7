import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CleanupContext } from '@/lib/cleanup/context';
import { runCleanupDeployment } from '@/lib/cleanup/runner';
import { startNodeCleanup } from '@/lib/cleanup/start';
import { validateNodeCleanup } from '@/lib/cleanup/validate';
import { db } from '@/lib/db/client';
import { makeCloudError } from '@/lib/ibmcloud/errors';
import { inventoryOf, provisionUntilRunning } from '../helpers/cleanup-seed';
import { resetDatabase } from '../helpers/db';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;
const noEnqueue = async () => undefined;

function contextFor(client: CleanupContext['cloud']): CleanupContext {
  return { cloud: client, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), pollIntervalMs: 20, waitTimeoutMs: 20_000 };
}

describe('node cleanup workflow (simulator)', () => {
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => cloud?.close());
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
  });

  it('deletes everything the ledger lists and leaves nothing of the node in the simulator', async () => {
    const { node } = await provisionUntilRunning(cloud, 'alpha');
    const ledgerSize = await db.cloudResource.count({ where: { nodeId: node.id } });
    // 4 reserved IPs, 2 VNIs, 4 A + 4 PTR records, 1 server.
    expect(ledgerSize).toBe(15);
    expect(inventoryOf(await cloud.inventory(), 'alpha')).toHaveLength(15);

    const started = await startNodeCleanup(node.id, 'tester', noEnqueue);
    expect(started.plan.servers).toHaveLength(1);
    expect(await runCleanupDeployment(started.deploymentId, contextFor(cloud.client))).toBe('succeeded');

    expect(inventoryOf(await cloud.inventory(), 'alpha')).toEqual([]);
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after.status).toBe('cleaned');
    expect(await db.cloudResource.count({ where: { nodeId: node.id, state: { not: 'deleted' } } })).toBe(0);
    expect(await db.cloudResource.count({ where: { nodeId: node.id } })).toBe(ledgerSize);
    expect(await db.dnsRecord.count({ where: { nodeId: node.id } })).toBe(0);
    expect(await db.ipAllocation.count({ where: { nodeId: node.id, releasedAt: null } })).toBe(0);
    const steps = await db.deploymentStep.findMany({ where: { deploymentId: started.deploymentId }, orderBy: { position: 'asc' } });
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'stop_server:succeeded', 'delete_server:succeeded', 'wait_server_gone:succeeded', 'delete_vnis:succeeded',
      'release_reserved_ips:succeeded', 'delete_dns_records:succeeded', 'finalize:succeeded',
    ]);
    const validation = await validateNodeCleanup(node.id, cloud.client);
    expect(validation.cleanup_complete).toBe(true);
    expect(validation.validation_results).toHaveLength(ledgerSize);
  });

  it('is idempotent: resources already gone count as done, and a finished run is not repeated', async () => {
    const { node } = await provisionUntilRunning(cloud, 'bravo');
    // Someone already deleted the DNS records by hand (PTR first, as IBM requires).
    const records = await db.dnsRecord.findMany({ where: { nodeId: node.id }, orderBy: { type: 'desc' } });
    for (const r of records) expect(await cloud.client.dns.deleteResourceRecord(r.cloudId!)).toBe(true);

    const started = await startNodeCleanup(node.id, 'tester', noEnqueue);
    const again = await startNodeCleanup(node.id, 'tester', noEnqueue);
    expect(again).toMatchObject({ deploymentId: started.deploymentId, created: false });

    const ctx = contextFor(cloud.client);
    expect(await runCleanupDeployment(started.deploymentId, ctx)).toBe('succeeded');
    expect(inventoryOf(await cloud.inventory(), 'bravo')).toEqual([]);
    expect(await runCleanupDeployment(started.deploymentId, ctx)).toBe('finished_already');
    await expect(startNodeCleanup(node.id, 'tester', noEnqueue)).rejects.toThrow(/already cleaned up/);
  });

  it('resumes after a crash mid-way without redoing finished steps', async () => {
    const { node } = await provisionUntilRunning(cloud, 'charlie');
    const started = await startNodeCleanup(node.id, 'tester', noEnqueue);
    const ctx = contextFor(cloud.client);
    // The first worker "dies" inside delete_vnis: its call never returns and its lease goes stale.
    const hanging = Object.assign(Object.create(cloud.client.vpc), { deleteVirtualNetworkInterface: () => new Promise<boolean>(() => {}) });
    void runCleanupDeployment(started.deploymentId, { ...ctx, cloud: { ...cloud.client, vpc: hanging } });
    await expect.poll(async () => (await db.deploymentStep.findFirst({ where: { deploymentId: started.deploymentId, name: 'delete_vnis' } }))?.status, { timeout: 15_000 }).toBe('running');

    expect(await runCleanupDeployment(started.deploymentId, ctx)).toBe('busy');
    expect(await runCleanupDeployment(started.deploymentId, ctx, 0)).toBe('succeeded');

    const steps = await db.deploymentStep.findMany({ where: { deploymentId: started.deploymentId }, orderBy: { position: 'asc' } });
    expect(steps.map((s) => `${s.name}:${s.attempts}`)).toEqual([
      'stop_server:1', 'delete_server:1', 'wait_server_gone:1', 'delete_vnis:2', 'release_reserved_ips:1', 'delete_dns_records:1', 'finalize:1',
    ]);
    expect(inventoryOf(await cloud.inventory(), 'charlie')).toEqual([]);
  });

  it('hands a transient cloud error back for a retry, and fails for good on a permanent one', async () => {
    const { node } = await provisionUntilRunning(cloud, 'delta');
    const started = await startNodeCleanup(node.id, 'tester', noEnqueue);
    const ctx = contextFor(cloud.client);
    const flaky = Object.assign(Object.create(cloud.client.dns), {
      deleteResourceRecord: async () => {
        throw makeCloudError({ status: 503, code: 'service_unavailable', message: 'try later' });
      },
    });
    await expect(runCleanupDeployment(started.deploymentId, { ...ctx, cloud: { ...cloud.client, dns: flaky } })).rejects.toThrow(/try later/);
    const broken = Object.assign(Object.create(cloud.client.dns), {
      deleteResourceRecord: async () => {
        throw makeCloudError({ status: 403, code: 'forbidden', message: 'not allowed' });
      },
    });
    expect(await runCleanupDeployment(started.deploymentId, { ...ctx, cloud: { ...cloud.client, dns: broken } })).toBe('failed');
    const failed = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/delete_dns_records: .*not allowed/);

    // An operator retries: a new cleanup picks up where the ledger says things stand.
    const retry = await startNodeCleanup(node.id, 'tester', noEnqueue);
    expect(retry.plan.servers).toHaveLength(0);
    expect(await runCleanupDeployment(retry.deploymentId, ctx)).toBe('succeeded');
    expect(inventoryOf(await cloud.inventory(), 'delta')).toEqual([]);
  });
});
