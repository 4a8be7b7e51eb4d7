import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as getOne, DELETE as deleteOne } from '@/app/api/config/clusters/[id]/route';
import { POST as retry } from '@/app/api/config/clusters/[id]/retry/route';
import { GET as list, POST as create } from '@/app/api/config/clusters/route';
import { cleanupDeployment } from '@/lib/cleanup/targets';
import { deleteCluster } from '@/lib/clusters/lifecycle';
import { db } from '@/lib/db/client';
import { stopJobEngine } from '@/lib/jobs/engine';
import { driveFormation, recordingFormer, testDeps } from '../helpers/cluster-fakes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

let seq = 0;
async function node(status = 'deployed', extra: Record<string, unknown> = {}) {
  seq++;
  return db.node.create({ data: { name: `node-${seq}`, serverProfile: 'bx2d-metal-96x384', status, cvmIp: `10.240.0.${100 + seq}`, managementIp: `10.240.0.${10 + seq}`, ...extra } });
}

async function post(body: unknown, token: string) {
  const res = await create(request('/api/config/clusters', { token, body }));
  return { status: res.status, body: await res.json() };
}

async function deploymentOf(clusterId: number) {
  return db.deployment.findFirstOrThrow({ where: { clusterId, kind: 'cluster' }, orderBy: { createdAt: 'desc' } });
}

describe('clusters API and formation workflow', () => {
  let operator: string;
  beforeEach(async () => {
    await resetDatabase();
    operator = (await userWithToken('operator')).token;
  });
  afterAll(() => stopJobEngine(2000));

  it('forms a single-node cluster from the original body: RF1, cluster IPs from the cluster range, DNS records, ready', async () => {
    const n = await node();
    const res = await post({ cluster_config: { cluster_name: 'solo', cluster_type: 'single_node', nodes: [n.id] } }, operator);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ cluster_name: 'solo', status: 'pending', type: 'single_node', redundancyFactor: 1, monitoring_endpoint: `/api/config/clusters/${res.body.id}` });

    const { deps, calls, cloud } = testDeps();
    expect(await driveFormation((await deploymentOf(res.body.id)).id, deps)).toEqual({ state: 'succeeded' });
    expect(calls).toEqual([expect.objectContaining({ clusterName: 'solo', cvmIps: [n.cvmIp], redundancyFactor: 1, clusterIp: '10.240.0.200', dataServicesIp: '10.240.0.201', dnsServers: ['161.26.0.7'], attempt: 1 })]);

    const got = await (await getOne(request(`/api/config/clusters/${res.body.id}`, { token: operator }), params({ id: String(res.body.id) }))).json();
    expect(got).toMatchObject({ status: 'ready', progress: 100, clusterIp: '10.240.0.200', dataServicesIp: '10.240.0.201', dnsName: 'solo.nutanix-ce-poc.cloud', failureReason: null });
    expect(got.readyAt).toEqual(expect.any(String));
    expect(got.dnsRecords.map((r: { type: string; name: string }) => `${r.type} ${r.name}`).sort()).toEqual([
      'A solo',
      'A solo-ds',
      'PTR 10.240.0.200',
      'PTR 10.240.0.201',
    ]);
    expect(cloud.records.size).toBe(4);
    expect([...cloud.reserved.values()].map((r) => r.name).sort()).toEqual(['nvo-solo-ds', 'nvo-solo-vip']);
    expect(await db.deploymentEvent.count({ where: { nodeId: n.id, phase: 'cluster_formation', status: 'completed' } })).toBe(1);
  });

  it('forms a 3-node cluster once every member is deployed, waiting while one still installs', async () => {
    const [a, b] = [await node(), await node()];
    const c = await node('deploying', { phase: 'installation', progress: 60 });
    const res = await post({ name: 'trio', type: 'multi_node', nodeIds: [a.id, b.id, c.id], dnsServers: ['10.0.0.53'] }, operator);
    expect(res.status).toBe(202);
    const { deps, calls } = testDeps();
    const deploymentId = (await deploymentOf(res.body.id)).id;
    expect(await driveFormation(deploymentId, deps, 3)).toEqual({ state: 'waiting', afterSeconds: 0 });
    const waiting = await (await getOne(request('/x', { token: operator }), params({ id: String(res.body.id) }))).json();
    expect(waiting.deployment.steps[0]).toMatchObject({ name: 'wait_members', status: 'running', message: expect.stringContaining(`${c.name} (deploying, installation)`) });
    expect(waiting.progress).toBe(Math.round((40 * (100 + 100 + 60)) / 300));
    expect(calls).toHaveLength(0);

    await db.node.update({ where: { id: c.id }, data: { status: 'deployed' } });
    expect(await driveFormation(deploymentId, deps)).toEqual({ state: 'succeeded' });
    expect(calls[0]).toMatchObject({ cvmIps: [a.cvmIp, b.cvmIp, c.cvmIp], redundancyFactor: 2, dnsServers: ['10.0.0.53'] });
    const listed = await (await list(request('/api/config/clusters', { token: operator }))).json();
    expect(listed.clusters).toEqual([expect.objectContaining({ name: 'trio', status: 'ready', nodeCount: 3 })]);
  });

  it('forms only once it holds every member (ascending ids), waiting while another workflow owns one', async () => {
    const [a, b, c] = [await node(), await node(), await node()];
    // A cleanup of b is running: b belongs to it until it ends.
    const cleanup = await db.deployment.create({ data: { kind: 'cleanup', nodeId: b.id, status: 'running' } });
    await db.node.update({ where: { id: b.id }, data: { activeDeploymentId: cleanup.id } });
    const res = await post({ name: 'held', type: 'multi_node', nodeIds: [c.id, b.id, a.id] }, operator);
    expect(res.status).toBe(202);
    const { deps, calls } = testDeps();
    const deploymentId = (await deploymentOf(res.body.id)).id;
    expect((await driveFormation(deploymentId, deps, 4)).state).toBe('waiting');
    expect(calls).toHaveLength(0);
    // All or nothing: a, taken first, was given back when b could not be taken.
    const owners = async () => (await db.node.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, orderBy: { id: 'asc' } })).map((n) => n.activeDeploymentId);
    expect(await owners()).toEqual([null, cleanup.id, null]);

    await db.deployment.update({ where: { id: cleanup.id }, data: { status: 'succeeded' } });
    await db.node.update({ where: { id: b.id }, data: { activeDeploymentId: null } });
    expect(await driveFormation(deploymentId, deps)).toEqual({ state: 'succeeded' });
    expect(calls).toHaveLength(1);
    expect(await owners()).toEqual([null, null, null]);
  });

  it('never hands the same cluster address out twice', async () => {
    const { deps } = testDeps();
    const ids = [];
    for (const name of ['one-a', 'one-b']) {
      const res = await post({ name, type: 'single_node', nodeIds: [(await node()).id] }, operator);
      await driveFormation((await deploymentOf(res.body.id)).id, deps);
      ids.push(res.body.id);
    }
    const clusters = await db.cluster.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    expect(clusters.map((c) => [c.clusterIp, c.dataServicesIp])).toEqual([['10.240.0.200', '10.240.0.201'], ['10.240.0.202', '10.240.0.203']]);
  });

  it('refuses members that are missing, failed, already clustered, or do not fit the type, naming the field', async () => {
    const taken = await node();
    await post({ name: 'first', type: 'single_node', nodeIds: [taken.id] }, operator);
    const failed = await node('failed');
    const ok = await node();
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'second', type: 'single_node', nodeIds: [taken.id] }, 'nodeIds', /already a member of cluster first/],
      [{ name: 'second', type: 'single_node', nodeIds: [failed.id] }, 'nodeIds', /is failed/],
      [{ name: 'second', type: 'single_node', nodeIds: [9999] }, 'nodeIds', /no node with id 9999/],
      [{ name: 'second', type: 'multi_node', nodeIds: [ok.id, failed.id] }, 'nodeIds', /at least 3 members/],
      [{ cluster_config: { cluster_type: 'single_node', nodes: ['ghost'] } }, 'nodes', /no live node named ghost/],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(body, operator);
      expect(res.status).toBe(422);
      expect(res.body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect((await post({ name: 'first', type: 'single_node', nodeIds: [ok.id] }, operator)).status).toBe(409);
  });

  it('lets viewers read but not create clusters', async () => {
    const viewer = (await userWithToken('viewer')).token;
    expect((await list(request('/api/config/clusters', { token: viewer }))).status).toBe(200);
    expect((await post({ name: 'nope', type: 'single_node', nodeIds: [(await node()).id] }, viewer)).status).toBe(403);
    expect((await getOne(request('/x', { token: viewer }), params({ id: '4242' }))).status).toBe(404);
  });

  it('leaves a clear reason when formation fails, and a retry forms the cluster', async () => {
    const res = await post({ name: 'flaky', type: 'single_node', nodeIds: [(await node()).id] }, operator);
    const failing = recordingFormer((r) => (r.attempt === 1 ? 'cluster create exited 1: genesis not ready' : null));
    const { deps } = testDeps({ former: failing.former });
    expect(await driveFormation((await deploymentOf(res.body.id)).id, deps)).toEqual({ state: 'failed' });
    const failed = await (await getOne(request('/x', { token: operator }), params({ id: String(res.body.id) }))).json();
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'Form the cluster failed: cluster create exited 1: genesis not ready' });
    expect(failed.deployment.steps.find((s: { name: string }) => s.name === 'form_cluster')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('genesis') });

    const retried = await retry(request(`/api/config/clusters/${res.body.id}/retry`, { token: operator, method: 'POST' }), params({ id: String(res.body.id) }));
    expect(retried.status).toBe(202);
    const second = await deploymentOf(res.body.id);
    expect(await driveFormation(second.id, deps)).toEqual({ state: 'succeeded' });
    expect(failing.calls.map((c) => [c.attempt, c.clusterIp])).toEqual([[1, '10.240.0.200'], [2, '10.240.0.200']]);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: res.body.id } })).status).toBe('ready');
    const again = await retry(request('/x', { token: operator, method: 'POST' }), params({ id: String(res.body.id) }));
    expect(again.status).toBe(409);
  });

  it('does not run cluster create again when a retry follows a formation whose create succeeded', async () => {
    const res = await post({ name: 'formed-once', type: 'single_node', nodeIds: [(await node()).id] }, operator);
    const { deps, cloud, calls } = testDeps();
    // The cluster is formed, then registering its DNS fails for good.
    const failingDns = { ...deps.dns, dns: { ...cloud.dns, createARecord: async () => { throw Object.assign(new Error('dns refused'), { retryable: false }); } } };
    expect(await driveFormation((await deploymentOf(res.body.id)).id, { ...deps, dns: failingDns })).toEqual({ state: 'failed' });
    expect(calls).toHaveLength(1);

    const retried = await retry(request('/x', { token: operator, method: 'POST' }), params({ id: String(res.body.id) }));
    expect(retried.status).toBe(202);
    const second = await deploymentOf(res.body.id);
    expect(await driveFormation(second.id, deps)).toEqual({ state: 'succeeded' });
    expect(calls).toHaveLength(1);
    const step = await db.deploymentStep.findUniqueOrThrow({ where: { deploymentId_name: { deploymentId: second.id, name: 'form_cluster' } } });
    expect(step.output).toMatchObject({ alreadyFormed: true });
    expect((await db.cluster.findUniqueOrThrow({ where: { id: res.body.id } })).status).toBe('ready');
  });

  it('releases the cluster\'s own addresses and DNS records on cleanup of its deployment', async () => {
    const member = await node();
    const res = await post({ name: 'swept', type: 'single_node', nodeIds: [member.id] }, operator);
    const { deps, cloud } = testDeps();
    const deploymentId = (await deploymentOf(res.body.id)).id;
    expect(await driveFormation(deploymentId, deps)).toEqual({ state: 'succeeded' });
    expect([cloud.reserved.size, cloud.records.size]).toEqual([2, 4]);

    const result = await cleanupDeployment(deploymentId, 'tester', { enqueueNode: async () => undefined, enqueueFinding: async () => undefined, cloud: { vpc: cloud.vpc, dns: cloud.dns } });
    expect(result.cluster).toMatchObject({ cluster_id: res.body.id, removed_dns_records: 4, released_addresses: 2 });
    expect([cloud.reserved.size, cloud.records.size]).toEqual([0, 0]);
    expect(await db.cloudResource.count({ where: { clusterId: res.body.id, state: { not: 'deleted' } } })).toBe(0);
    expect(await db.ipAllocation.count({ where: { clusterId: res.body.id, releasedAt: null } })).toBe(0);
    expect(await db.cluster.findUniqueOrThrow({ where: { id: res.body.id } })).toMatchObject({ status: 'failed', clusterIp: null });
  });

  it('fails the formation when a member fails or the members time out', async () => {
    const bad = await node('deploying');
    const res = await post({ name: 'doomed', type: 'single_node', nodeIds: [bad.id] }, operator);
    const { deps } = testDeps();
    const deploymentId = (await deploymentOf(res.body.id)).id;
    await driveFormation(deploymentId, deps, 1);
    await db.node.update({ where: { id: bad.id }, data: { status: 'failed', failureReason: 'installation timed out' } });
    expect(await driveFormation(deploymentId, deps)).toEqual({ state: 'failed' });
    expect((await db.cluster.findUniqueOrThrow({ where: { id: res.body.id } })).failureReason).toMatch(/member node-\d+ is failed: installation timed out/);

    const slow = await post({ name: 'slowpoke', type: 'single_node', nodeIds: [(await node('deploying')).id] }, operator);
    const later = testDeps({ memberTimeoutSeconds: 0, now: () => new Date(Date.now() + 1000) });
    expect(await driveFormation((await deploymentOf(slow.body.id)).id, later.deps)).toEqual({ state: 'failed' });
    expect((await db.cluster.findUniqueOrThrow({ where: { id: slow.body.id } })).failureReason).toMatch(/members not deployed within the member timeout/);
  });

  it('refuses to delete while members deploy unless forced, then releases IPs and DNS records and detaches members', async () => {
    const [a, b] = [await node(), await node()];
    const c = await node('deploying');
    const res = await post({ name: 'gone', type: 'multi_node', nodeIds: [a.id, b.id, c.id] }, operator);
    const { deps, cloud } = testDeps();
    const deploymentId = (await deploymentOf(res.body.id)).id;
    await driveFormation(deploymentId, deps, 1);
    await db.node.update({ where: { id: c.id }, data: { status: 'deployed' } });
    await driveFormation(deploymentId, deps);

    await db.node.update({ where: { id: c.id }, data: { status: 'deploying' } });
    const url = `/api/config/clusters/${res.body.id}`;
    const refused = await deleteOne(request(url, { token: operator, method: 'DELETE' }), params({ id: String(res.body.id) }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(new RegExp(`still deploying \\(${c.name}\\)`));

    // The route binds the process's cloud client; here the same call runs against the fake cloud.
    const result = await deleteCluster(res.body.id, { force: true, requestedBy: 'test' }, { vpc: cloud.vpc, dns: cloud.dns });
    expect(result).toMatchObject({ name: 'gone', detached: [a.name, b.name, c.name], removedDnsRecords: 4, releasedAddresses: 2 });
    expect(await db.cluster.count()).toBe(0);
    expect(await db.node.count({ where: { clusterId: { not: null } } })).toBe(0);
    expect(await db.node.count()).toBe(3);
    expect(await db.ipAllocation.count({ where: { releasedAt: null } })).toBe(0);
    expect(await db.dnsRecord.count()).toBe(0);
    expect(cloud.records.size + cloud.reserved.size).toBe(0);
    expect((await getOne(request(url, { token: operator }), params({ id: String(res.body.id) }))).status).toBe(404);
  });

  it('provisions new members through the node workflow and waits for them', async () => {
    const bad = await post({ name: 'fresh', type: 'single_node', provision: { count: 1, serverProfile: 'no-such-profile' } }, operator);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'provision.serverProfile', message: 'unknown server profile "no-such-profile"' }]);

    const res = await post({ name: 'fresh', type: 'single_node', provision: { count: 1, serverProfile: 'cx3d-metal-48x128' } }, operator);
    expect(res.status).toBe(202);
    expect(res.body.members).toEqual([expect.objectContaining({ name: 'fresh-1', status: 'provisioning' })]);
    expect(await db.deployment.count({ where: { kind: 'provision', nodeId: res.body.members[0].id } })).toBe(1);
    const { deps } = testDeps();
    expect(await driveFormation((await deploymentOf(res.body.id)).id, deps, 2)).toMatchObject({ state: 'waiting' });
  });
});
