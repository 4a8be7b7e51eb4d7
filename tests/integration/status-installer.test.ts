import { beforeEach, describe, expect, it } from 'vitest';
import { POST as installation } from '@/app/api/installation/status/route';
import { POST as overall } from '@/app/api/status/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { installingNode } from '../helpers/status-nodes';

const events = (nodeId: number) => db.deploymentEvent.findMany({ where: { nodeId }, orderBy: { id: 'asc' } });

function install(token: string, body: unknown) {
  return installation(request('/api/installation/status', { method: 'POST', token, body }));
}

describe('POST /api/installation/status (original installer)', () => {
  beforeEach(resetDatabase);

  it('maps the numbered steps 1-8 onto phases and keeps log lines without changing status', async () => {
    const { node, token } = await installingNode({ managementIp: '10.240.0.50' });
    const ip = node.managementIp;
    for (const [phase, message] of [[1, 'Initialization complete'], [-1, 'wiping nvme1n1'], [2, 'Downloading config'], [3, 'Validating'],
      [4, 'Downloading packages'], [5, 'Installing AHV'], [6, 'Imaging'], [7, 'Verifying'], [8, 'Installation complete. Rebooting server.']] as const) {
      const res = await install(token, { management_ip: ip, phase, message });
      expect(res.status).toBe(200);
    }
    const list = await events(node.id);
    expect(list.filter((e) => e.status === 'info').map((e) => e.message)).toEqual(['wiping nvme1n1']);
    expect(list.filter((e) => e.status !== 'info').map((e) => `${e.phase}/${e.status}`)).toEqual([
      'ipxe_boot/in_progress', 'ipxe_boot/completed', 'config_download/started', 'config_download/completed',
      'foundation_start/started', 'foundation_start/completed', 'image_download/started', 'image_download/completed',
      'installation/started', 'installation/in_progress', 'installation/in_progress', 'installation/completed',
    ]);
    expect(await db.node.findUniqueOrThrow({ where: { id: node.id } })).toMatchObject({ status: 'deploying', phase: 'installation' });
  });

  it('fails the node at its current phase on "error" and answers 403 for another node id', async () => {
    const { node, token } = await installingNode({ managementIp: '10.240.0.51' });
    const other = await installingNode({ managementIp: '10.240.0.52' });
    expect((await install(token, { node_id: other.node.id, phase: 1, message: 'x' })).status).toBe(403);
    expect((await install(token, { management_ip: '10.240.0.52', phase: 1, message: 'x' })).status).toBe(403);
    await install(token, { node_id: String(node.id), phase: 4, message: 'downloading' });
    await install(token, { node_id: node.id, phase: 'error', message: 'curl: (28) timeout' });
    expect(await db.node.findUniqueOrThrow({ where: { id: node.id } })).toMatchObject({
      status: 'failed', failedStep: 'image_download', failureReason: 'image_download failed: curl: (28) timeout',
    });
  });

  it('answers 422 for an unknown phase and for a body without identifiers', async () => {
    const { node, token } = await installingNode();
    const bad = await install(token, { management_ip: node.managementIp, phase: 42, message: 'x' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('phase');
    const anon = await install(token, { phase: 1, message: 'x' });
    expect((await anon.json()).errors[0].field).toBe('management_ip');
  });

  it('keeps a refused step as a log line (200, applied false) since the installer cannot act on a conflict', async () => {
    const { node, token } = await installingNode();
    await install(token, { management_ip: node.managementIp, phase: 4, message: 'dl' });
    const res = await install(token, { management_ip: node.managementIp, phase: 2, message: 'config again' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: false, note: expect.stringMatching(/Out of order/) });
    expect((await events(node.id)).at(-1)).toMatchObject({ status: 'info', message: 'config again' });
  });
});

describe('POST /api/status (overall installer status)', () => {
  beforeEach(resetDatabase);

  it('records a heartbeat, applies a phase, and fails the node at its current phase', async () => {
    const { node, token } = await installingNode({ managementIp: '10.240.0.60' });
    const post = (body: unknown) => overall(request('/api/status', { method: 'POST', token, body }));
    expect((await post({ server_ip: '10.240.0.60', status: 'running', message: 'alive' })).status).toBe(200);
    expect((await post({ server_ip: '10.240.0.60', status: 'started', phase: 'installation', message: 'go' })).status).toBe(200);
    expect((await post({ server_ip: '10.240.0.61', status: 'running', message: 'forged' })).status).toBe(403);
    await post({ server_ip: '10.240.0.60', status: 'error', message: 'disk missing' });
    expect((await events(node.id)).map((e) => `${e.phase}/${e.status}`)).toEqual(['installer/info', 'installation/started', 'installation/failed']);
    expect((await db.node.findUniqueOrThrow({ where: { id: node.id } })).status).toBe('failed');
  });
});
