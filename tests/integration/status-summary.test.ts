import { beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/status/summary/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

async function node(name: string, status: string, phase: string | null = null) {
  return db.node.create({ data: { name, serverProfile: 'bx2d-metal-96x384', status, phase } });
}

async function completed(nodeId: number, phase: string, seconds: number, status = 'completed') {
  await db.deploymentEvent.create({ data: { nodeId, phase, status, source: 'node', durationMs: seconds * 1000 } });
}

describe('GET /api/status/summary', () => {
  beforeEach(resetDatabase);

  it('reports exact counts, success rate, mean/p95 per phase and stuck nodes for a seeded set', async () => {
    const a = await node('a', 'deployed', 'health_validation');
    const b = await node('b', 'deployed', 'health_validation');
    const c = await node('c', 'failed', 'image_download');
    await node('d', 'deploying', 'image_download');
    await node('e', 'deploying', 'installation');
    const f = await node('f', 'stuck', 'ipxe_boot');
    await node('g', 'pending');
    for (const [kind, status, n] of [
      ['provision', 'succeeded', 3], ['provision', 'failed', 1], ['provision', 'running', 1],
      ['reinitialize', 'succeeded', 1], ['cleanup', 'failed', 2],
    ] as const) {
      for (let i = 0; i < n; i++) await db.deployment.create({ data: { kind, status, nodeId: a.id } });
    }
    for (const s of [100, 200, 300, 400, 1000]) await completed(a.id, 'installation', s);
    await completed(b.id, 'ipxe_boot', 60);
    await completed(b.id, 'ipxe_boot', 120);
    await completed(c.id, 'installation', 5000, 'failed'); // failures do not count as durations
    await db.deploymentEvent.create({ data: { nodeId: c.id, phase: 'installation', status: 'started', source: 'node' } });
    await db.deploymentEvent.create({
      data: { nodeId: f.id, phase: 'stuck', status: 'timeout', source: 'system', details: { timedOutPhase: 'ipxe_boot', timeoutSeconds: 300 } },
    });
    const { token } = await userWithToken('viewer');

    const res = await GET(request('/api/status/summary', { token }));
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.total_nodes).toBe(7);
    expect(s.status_summary).toMatchObject({ deployed: 2, failed: 1, deploying: 2, stuck: 1, pending: 1, provisioning: 0 });
    expect(s.phase_summary).toEqual({ image_download: 1, installation: 1, ipxe_boot: 1 });
    expect(s.deployments_finished).toEqual({ succeeded: 4, failed: 1 });
    expect(s.success_rate).toBe(0.8);
    expect(s.phase_durations).toEqual([
      // p95 by linear interpolation: ipxe 60 + 0.95 × 60; installation rank 3.8 → 400 + 0.8 × 600
      { phase: 'ipxe_boot', samples: 2, mean_seconds: 90, p95_seconds: 117 },
      { phase: 'installation', samples: 5, mean_seconds: 400, p95_seconds: 880 },
    ]);
    expect(s.stuck_nodes).toMatchObject([{ node_id: f.id, node_name: 'f', phase: 'ipxe_boot', timeout_seconds: 300 }]);
    expect(s.active_deployments.map((n: { node_name: string }) => n.node_name).sort()).toEqual(['d', 'e', 'f']);
    expect(s.recent_deployments.map((n: { node_name: string }) => n.node_name)).toEqual(['g', 'f', 'e', 'd', 'c']);
  });

  it('has no success rate before any deployment finished, and needs a signed-in viewer', async () => {
    const { token } = await userWithToken('viewer');
    expect((await (await GET(request('/api/status/summary', { token }))).json()).success_rate).toBeNull();
    expect((await GET(request('/api/status/summary'))).status).toBe(401);
  });
});
