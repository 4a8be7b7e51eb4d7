import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as cleanupBatch } from '@/app/api/cleanup/batch/route';
import { POST as cleanupDeployment } from '@/app/api/cleanup/deployment/[id]/route';
import { GET as listFindingsRoute } from '@/app/api/cleanup/findings/route';
import { POST as acknowledge } from '@/app/api/cleanup/findings/[id]/acknowledge/route';
import { POST as cleanupNode } from '@/app/api/cleanup/node/[id]/route';
import { POST as orphaned } from '@/app/api/cleanup/orphaned/route';
import { GET as plan } from '@/app/api/cleanup/plan/[id]/route';
import { POST as reconcileNow } from '@/app/api/cleanup/reconcile/route';
import { GET as script } from '@/app/api/cleanup/script/[id]/route';
import { GET as status } from '@/app/api/cleanup/status/route';
import { GET as validate } from '@/app/api/cleanup/validate/[id]/route';
import { runFindingCleanup } from '@/lib/cleanup/drift/clean-finding';
import { runCleanupDeployment } from '@/lib/cleanup/runner';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';
import { cloudSettings } from '@/lib/ibmcloud/settings';
import { stopJobEngine } from '@/lib/jobs/engine';
import { provisionUntilRunning } from '../helpers/cleanup-seed';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { startTestCloud, type TestCloud } from '../helpers/simulator';
import { userWithToken } from '../helpers/users';

let cloud: TestCloud;
const saved = { ...process.env };

describe('/api/cleanup', () => {
  let operator: string;
  let viewer: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    Object.assign(process.env, { IBMCLOUD_IAM_URL: cloud.sim.iamUrl, IBMCLOUD_VPC_URL: cloud.sim.vpcUrl, IBMCLOUD_DNS_URL: cloud.sim.dnsUrl });
    resetConfigForTests();
  });
  afterAll(async () => {
    process.env = saved;
    resetConfigForTests();
    await stopJobEngine(2000);
    await cloud?.close();
  });
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
    ({ token: operator } = await userWithToken('operator'));
    ({ token: viewer } = await userWithToken('viewer'));
  });

  it('starts a node cleanup (operator only), reports it, audits it, and validates the result', async () => {
    const { node } = await provisionUntilRunning(cloud, 'api-node');
    const denied = await cleanupNode(request(`/api/cleanup/node/${node.id}`, { method: 'POST', token: viewer }), params({ id: String(node.id) }));
    expect(denied.status).toBe(403);

    const preview = await (await plan(request(`/api/cleanup/plan/${node.id}`, { token: viewer }), params({ id: String(node.id) }))).json();
    expect(preview.resources).toHaveLength(15);

    const res = await cleanupNode(request(`/api/cleanup/node/${node.id}`, { method: 'POST', token: operator }), params({ id: String(node.id) }));
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.resources).toHaveLength(15);
    expect(await db.auditLog.count({ where: { action: 'cleanup.node', targetId: String(node.id) } })).toBe(1);

    const running = await (await status(request('/api/cleanup/status', { token: viewer }))).json();
    expect(running.running.map((r: { deployment_id: string }) => r.deployment_id)).toEqual([body.deployment_id]);
    const before = await (await validate(request(`/api/cleanup/validate/${node.id}`, { token: viewer }), params({ id: String(node.id) }))).json();
    expect(before.cleanup_complete).toBe(false);

    const ctx = { cloud: cloud.client, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), pollIntervalMs: 20, waitTimeoutMs: 20_000 };
    expect(await runCleanupDeployment(body.deployment_id, ctx)).toBe('succeeded');
    const after = await (await validate(request(`/api/cleanup/validate/${node.id}`, { token: viewer }), params({ id: String(node.id) }))).json();
    expect(after).toMatchObject({ node_name: 'api-node', node_status: 'cleaned', cleanup_complete: true });
    const byName = await (await status(request('/api/cleanup/status?node_name=api-node', { token: viewer }))).json();
    expect(byName).toMatchObject({ current_status: 'cleaned', cleanup_completed: true, live_resources: 0 });
  });

  it('answers 404 and 422 problems for unknown and malformed targets', async () => {
    const missing = await cleanupNode(request('/api/cleanup/node/999', { method: 'POST', token: operator }), params({ id: '999' }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const bad = await cleanupNode(request('/api/cleanup/node/abc', { method: 'POST', token: operator }), params({ id: 'abc' }));
    expect(bad.status).toBe(422);
    const badDeployment = await cleanupDeployment(request('/api/cleanup/deployment/x', { method: 'POST', token: operator }), params({ id: 'x' }));
    expect(badDeployment.status).toBe(422);
    const badBatch = await cleanupBatch(request('/api/cleanup/batch', { token: operator, body: { cleanup_targets: [{ type: 'vm', id: 1 }] } }));
    expect(badBatch.status).toBe(422);
    expect((await badBatch.json()).errors[0].field).toMatch(/^cleanup_targets\.0/);
    const badSweep = await orphaned(request('/api/cleanup/orphaned', { token: operator, body: { max_age_hours: -1 } }));
    expect(badSweep.status).toBe(422);
  });

  it('reports per-target results for a batch, and cleans a deployment by id', async () => {
    const { node, deploymentId } = await provisionUntilRunning(cloud, 'batch-a');
    const res = await cleanupBatch(request('/api/cleanup/batch', {
      token: operator,
      body: { cleanup_targets: [{ type: 'node', id: node.id }, { type: 'node', id: 4242 }, { type: 'deployment', id: '00000000-0000-4000-8000-000000000000' }] },
    }));
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.results.map((r: { success: boolean; status: number }) => [r.success, r.status])).toEqual([[true, 202], [false, 404], [false, 404]]);
    const again = await cleanupDeployment(request(`/api/cleanup/deployment/${deploymentId}`, { method: 'POST', token: operator }), params({ id: deploymentId }));
    expect(again.status).toBe(202);
    const nodes = (await again.json()).nodes;
    expect(nodes).toMatchObject([{ node_id: node.id, created: false }]);
  });

  it('serves the manual script as a shell attachment', async () => {
    const { node } = await provisionUntilRunning(cloud, 'script-node');
    const res = await script(request(`/api/cleanup/script/${node.id}`, { token: viewer }), params({ id: String(node.id) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="cleanup-${node.id}.sh"`);
    const text = await res.text();
    expect(text.startsWith('#!/usr/bin/env bash')).toBe(true);
    expect(text).toContain(`ibmcloud is bare-metal-server-delete '${node.bareMetalId}' --force`);
  });

  it('lists findings with cost, exports CSV, and lets an operator acknowledge one', async () => {
    const s = cloud.config;
    await cloud.client.vpc.reserveIp('0717-sim-subnet-mgmt', { name: 'nvo-leaked-ip', auto_delete: false });
    expect(s.RESOURCE_PREFIX).toBe('nvo');
    const run = await (await reconcileNow(request('/api/cleanup/reconcile', { method: 'POST', token: operator }))).json();
    expect(run.opened).toBe(1);
    const list = await (await listFindingsRoute(request('/api/cleanup/findings', { token: viewer }))).json();
    expect(list.findings).toMatchObject([{ kind: 'foreign', resource_kind: 'reserved_ip', name: 'nvo-leaked-ip', hourly_cost_usd: 0 }]);
    const csv = await listFindingsRoute(request('/api/cleanup/findings?format=csv', { token: viewer }));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[1]).toContain('nvo-leaked-ip');
    const id = String(list.findings[0].id);
    expect((await acknowledge(request(`/api/cleanup/findings/${id}/acknowledge`, { method: 'POST', token: viewer }), params({ id }))).status).toBe(403);
    const ack = await (await acknowledge(request(`/api/cleanup/findings/${id}/acknowledge`, { method: 'POST', token: operator }), params({ id }))).json();
    expect(ack.finding.status).toBe('acknowledged');
    const sweep = await (await orphaned(request('/api/cleanup/orphaned', { token: operator, body: { max_age_hours: 0, dry_run: true } }))).json();
    expect(sweep.findings).toEqual([]);
  });

  it('sweeps only on an explicit "dry_run": false, removing what we created and lost track of and leaving what someone else named like ours', async () => {
    const { node } = await provisionUntilRunning(cloud, 'lost');
    // We lost track of the server and of one PTR record: the ledger says deleted, the cloud still has them.
    const server = await db.cloudResource.findFirstOrThrow({ where: { nodeId: node.id, kind: 'bare_metal_server' } });
    const ptr = await db.cloudResource.findFirstOrThrow({ where: { nodeId: node.id, kind: 'dns_record', name: { endsWith: '-ptr' } } });
    await db.cloudResource.updateMany({ where: { id: { in: [server.id, ptr.id] } }, data: { state: 'deleted', deletedAt: new Date() } });
    await db.dnsRecord.deleteMany({ where: { cloudId: ptr.cloudId } });
    // Someone else's, named like ours: a reserved IP with our prefix, an A record in the node-record scheme.
    const settings = cloudSettings(cloud.config);
    const theirIp = await cloud.client.vpc.reserveIp(settings.managementSubnetId, { name: 'nvo-theirs-ip', auto_delete: false });
    const theirRecord = await cloud.client.dns.createARecord({ name: 'theirs-mgmt', ip: '10.240.0.77', ttl: 300 });
    const cloudIds = async () => {
      const inv = await cloud.inventory();
      return [...inv.bare_metal_servers, ...inv.virtual_network_interfaces, ...inv.reserved_ips, ...inv.dns_records].map((r: { id: string }) => r.id).sort();
    };
    const before = await cloudIds();

    const dry = await orphaned(request('/api/cleanup/orphaned', { token: operator, body: { max_age_hours: 0 } }));
    expect(dry.status).toBe(200);
    const plan = await dry.json();
    expect(plan.dry_run).toBe(true);
    expect(plan.findings.map((f: { resourceKind: string }) => f.resourceKind).sort()).toEqual(['bare_metal_server', 'dns_record']);
    expect(plan.reported.foreign_findings.map((f: { name: string }) => f.name).sort()).toEqual(['nvo-theirs-ip', 'theirs-mgmt.nutanix-ce-poc.cloud']);
    expect(await cloudIds()).toEqual(before);
    expect(await db.driftFinding.count({ where: { status: 'cleaning' } })).toBe(0);

    const real = await orphaned(request('/api/cleanup/orphaned', { token: operator, body: { max_age_hours: 0, dry_run: false } }));
    expect(real.status).toBe(202);
    // The finding jobs, run here as a worker would run them.
    const ctx = { cloud: cloud.client, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), pollIntervalMs: 20, waitTimeoutMs: 20_000 };
    const queued = await db.driftFinding.findMany({ where: { status: 'cleaning' } });
    expect(queued).toHaveLength(2);
    for (const f of queued) expect(await runFindingCleanup(f.id, ctx)).toBe('resolved');
    const after = await cloudIds();
    expect(after).not.toContain(server.cloudId);
    expect(after).not.toContain(ptr.cloudId);
    expect(after).toContain(theirIp.id);
    expect(after).toContain(theirRecord.id);
    expect(after).toHaveLength(before.length - 2);
  });
});
