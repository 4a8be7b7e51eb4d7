import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/metrics/route';
import { GET as summary } from '@/app/api/status/summary/route';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';
import { countBootRequest, observeCloudCall } from '@/lib/metrics/observe';
import { applyPhaseReport } from '@/lib/status/apply-phase-report';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { installingNode } from '../helpers/status-nodes';
import { userWithToken } from '../helpers/users';

const scrape = (init: Parameters<typeof request>[1] = {}) => GET(request('/api/metrics', init));

function withEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetConfigForTests();
}

describe('GET /api/metrics', () => {
  beforeEach(resetDatabase);
  afterEach(() => {
    for (const k of ['METRICS_TOKEN', 'METRICS_ALLOW', 'TRUSTED_PROXIES']) delete process.env[k];
    resetConfigForTests();
  });

  it('exposes HTTP timings, deployments by status, phase durations, boot and cloud counters', async () => {
    const { token } = await userWithToken('admin');
    await db.node.create({ data: { name: 'done', serverProfile: 'p', status: 'deployed' } });
    await db.deployment.create({ data: { kind: 'provision', status: 'succeeded' } });
    const { node } = await installingNode();
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'started' });
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'completed' });
    await summary(request('/api/status/summary', { token }));
    countBootRequest('config', 200);
    observeCloudCall('vpc', 'createBareMetalServer', 429);
    observeCloudCall('vpc', 'getSubnet', 200);

    const res = await scrape({ token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/nvo_http_request_duration_seconds_count\{method="GET",route="\/api\/status\/summary",status="200"\} [1-9]/);
    expect(text).toContain('nvo_nodes{status="deployed"} 1');
    expect(text).toContain('nvo_nodes{status="deploying"} 1');
    expect(text).toContain('nvo_deployments{kind="provision",status="succeeded"} 1');
    expect(text).toMatch(/nvo_phase_duration_seconds_count\{phase="ipxe_boot"\} [1-9]/);
    expect(text).toMatch(/nvo_boot_requests_total\{kind="config",status="200"\} [1-9]/);
    expect(text).toMatch(/nvo_cloud_api_calls_total\{service="vpc",operation="getSubnet",status="200"\} [1-9]/);
    expect(text).toMatch(/nvo_cloud_api_errors_total\{service="vpc",operation="createBareMetalServer",status="429"\} [1-9]/);
    expect(text).not.toMatch(/nvo_cloud_api_errors_total\{[^}]*operation="getSubnet"/);
    expect(text).toContain('# TYPE nvo_job_queue_depth gauge');
  });

  it('refuses anonymous scrapes (401) and non-admins (403)', async () => {
    const anon = await scrape();
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toContain('application/problem+json');
    const { token } = await userWithToken('operator');
    expect((await scrape({ token })).status).toBe(403);
  });

  it('accepts the METRICS_TOKEN bearer and addresses in METRICS_ALLOW', async () => {
    withEnv({ METRICS_TOKEN: 'scrape-secret-0123456789', METRICS_ALLOW: '10.0.0.0/8' });
    expect((await scrape({ token: 'scrape-secret-0123456789' })).status).toBe(200);
    expect((await scrape({ token: 'scrape-secret-wrong-00000' })).status).toBe(401);
    // x-nvo-peer-addr: the TCP peer, as the server in front of Next stamps it.
    expect((await scrape({ headers: { 'x-nvo-peer-addr': '10.1.2.3' } })).status).toBe(200);
    const claimed = { 'x-real-ip': '10.1.2.3', 'x-forwarded-for': '10.1.2.3' };
    expect((await scrape({ headers: { 'x-nvo-peer-addr': '172.16.0.9', ...claimed } })).status).toBe(401);
  });
});
