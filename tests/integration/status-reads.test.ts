import { beforeEach, describe, expect, it } from 'vitest';
import { GET as byIp } from '@/app/api/status/deployment/[ip]/route';
import { GET as historyById } from '@/app/api/status/history/[id]/route';
import { GET as historyByQuery } from '@/app/api/status/history/route';
import { GET as byId } from '@/app/api/status/nodes/[id]/route';
import { db } from '@/lib/db/client';
import { INSTALL_PHASES } from '@/lib/status/phases';
import { nodeStatusById } from '@/lib/status/node-status';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { installingNode } from '../helpers/status-nodes';
import { userWithToken } from '../helpers/users';

/** Three past deployments on another node in which every phase took `seconds`. */
async function history(seconds: number) {
  const old = await db.node.create({ data: { name: `old-${seconds}`, serverProfile: 'p', status: 'deployed' } });
  for (const phase of INSTALL_PHASES) {
    for (let run = 0; run < 3; run++) {
      await db.deploymentEvent.create({ data: { nodeId: old.id, phase, status: 'completed', source: 'node', durationMs: seconds * 1000 } });
    }
  }
}

async function phaseEvent(nodeId: number, phase: string, status: string, at: Date) {
  await db.deploymentEvent.create({ data: { nodeId, phase, status, source: 'node', createdAt: at } });
}

describe('status reads', () => {
  beforeEach(resetDatabase);

  it('derives progress and ETA from the measured durations of past deployments', async () => {
    await history(100); // 9 phases × 100 s
    const { node } = await installingNode({ managementIp: '10.240.0.31' });
    const t0 = new Date(node.bootTokenAt!.getTime() + 1000);
    await phaseEvent(node.id, 'ipxe_boot', 'started', t0);
    await phaseEvent(node.id, 'foundation_start', 'started', new Date(t0.getTime() + 150_000));
    const now = new Date(t0.getTime() + 200_000); // 50 s into foundation_start
    const s = await nodeStatusById(node.id, now);
    // done: ipxe_boot + config_download (200 s) + 50 s of foundation_start, of 900 s
    expect(s).toMatchObject({ current_phase: 'foundation_start', phase_status: 'started', progress_percent: 27 });
    expect(s.estimated_remaining_seconds).toBe(650);
    expect(s.elapsed_time_seconds).toBe(200);
    expect(s.timed_out).toBe(false);
  });

  it('falls back to the configured timeouts without history, and flags an overdue phase', async () => {
    const { node } = await installingNode();
    const t0 = new Date(node.bootTokenAt!.getTime() + 1000);
    await phaseEvent(node.id, 'config_download', 'started', t0);
    const s = await nodeStatusById(node.id, new Date(t0.getTime() + 121_000));
    // config_download timeout 120 s is overdue; 300 s (ipxe) + 95 % of 120 s of 4020 s
    expect(s).toMatchObject({ progress_percent: 10, timed_out: true, estimated_remaining_seconds: 4020 - 300 - 120 });
  });

  it('answers the original status object by id and by address, and 404 for unknown ones', async () => {
    const { token } = await userWithToken('viewer');
    const { node } = await installingNode({ managementIp: '10.240.0.40' });
    await db.node.update({ where: { id: node.id }, data: { status: 'deployed', deployedAt: new Date(), statusMessage: 'done' } });
    const res = await byId(request(`/api/status/nodes/${node.id}`, { token }), params({ id: String(node.id) }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining([
      'server_ip', 'server_name', 'node_id', 'deployment_id', 'current_phase', 'phase_status', 'progress_percent',
      'elapsed_time_seconds', 'estimated_remaining_seconds', 'timed_out', 'last_update', 'message',
    ]));
    expect(body).toMatchObject({ server_ip: '10.240.0.40', progress_percent: 100, estimated_remaining_seconds: 0, message: 'done' });
    const ip = await byIp(request('/api/status/deployment/10.240.0.40', { token }), params({ ip: '10.240.0.40' }));
    expect((await ip.json()).node_id).toBe(node.id);
    expect((await byIp(request('/x', { token }), params({ ip: '10.9.9.9' }))).status).toBe(404);
    expect((await byIp(request('/x', { token }), params({ ip: 'nope' }))).status).toBe(422);
    expect((await byId(request('/x', { token }), params({ id: '999' }))).status).toBe(404);
    expect((await byId(request('/x', { token }), params({ id: 'abc' }))).status).toBe(422);
  });

  it('lists the history oldest first, by id and by ?server_ip=', async () => {
    const { token } = await userWithToken('viewer');
    const { node } = await installingNode({ managementIp: '10.240.0.41' });
    await phaseEvent(node.id, 'ipxe_boot', 'started', new Date(Date.now() - 2000));
    await db.deploymentEvent.create({ data: { nodeId: node.id, phase: 'ipxe_boot', status: 'completed', source: 'node', durationMs: 1500 } });
    const res = await historyById(request('/x', { token }), params({ id: String(node.id) }));
    const body = await res.json();
    expect(body).toMatchObject({ server_ip: '10.240.0.41', node_name: node.name });
    expect(body.deployment_history.map((e: { status: string }) => e.status)).toEqual(['started', 'completed']);
    expect(body.deployment_history[1].duration_seconds).toBe(1.5);
    const q = await historyByQuery(request('/api/status/history?server_ip=10.240.0.41', { token }));
    expect((await q.json()).node_id).toBe(node.id);
    expect((await historyByQuery(request('/api/status/history', { token }))).status).toBe(422);
  });
});
