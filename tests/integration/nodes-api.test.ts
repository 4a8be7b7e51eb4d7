import { beforeEach, describe, expect, it } from 'vitest';
import { GET as getChainUrl } from '@/app/api/config/nodes/[id]/chain-url/route';
import { GET as getNode } from '@/app/api/config/nodes/[id]/route';
import { POST as reinitializeAlias } from '@/app/api/config/nodes/[id]/reinitialize/route';
import { GET as listNodes, POST as provision } from '@/app/api/config/nodes/route';
import { POST as reinitialize } from '@/app/api/reinitialize/route';
import { db } from '@/lib/db/client';
import { issueBootChainUrl } from '@/lib/provisioning/boot-token';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

const valid = { node_config: { node_name: 'ntnx-1', server_profile: 'cx3d-metal-48x128' } };

describe('/api/config/nodes without the cloud', () => {
  let operator: string;
  let viewer: string;
  beforeEach(async () => {
    await resetDatabase();
    ({ token: operator } = await userWithToken('operator'));
    ({ token: viewer } = await userWithToken('viewer'));
  });

  it('names every invalid field of a provision request in a 422 problem', async () => {
    const res = await provision(
      request('/api/config/nodes', { token: operator, body: { node_config: { node_name: 'Bad Name!', server_profile: 'nope' }, count: 2 } }),
    );
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('node_config.node_name');
    const unknownProfile = await provision(request('/api/config/nodes', { token: operator, body: { node_config: { node_name: 'ok', server_profile: 'nope' } } }));
    expect((await unknownProfile.json()).errors).toEqual([{ field: 'node_config.server_profile', message: 'unknown server profile "nope"' }]);
    const missing = await provision(request('/api/config/nodes', { token: operator, body: {} }));
    expect((await missing.json()).errors[0].field).toBe('node_config');
    const notJson = await provision(request('/api/config/nodes', { token: operator, body: '{oops' }));
    expect(notJson.status).toBe(400);
  });

  it('refuses a live duplicate name with 409 and lets viewers not provision', async () => {
    await db.node.create({ data: { name: 'ntnx-1', serverProfile: 'cx3d-metal-48x128', status: 'deployed' } });
    const dup = await provision(request('/api/config/nodes', { token: operator, body: valid }));
    expect(dup.status).toBe(409);
    const denied = await provision(request('/api/config/nodes', { token: viewer, body: valid }));
    expect(denied.status).toBe(403);
  });

  it('lists newest first with status filter, search by name or IP and cursor pages', async () => {
    for (let i = 1; i <= 5; i++) {
      await db.node.create({
        data: { name: `node-${i}`, serverProfile: 'cx3d-metal-48x128', status: i % 2 ? 'deployed' : 'failed', managementIp: `10.240.0.${10 + i}` },
      });
    }
    const page1 = await (await listNodes(request('/api/config/nodes?limit=2', { token: viewer }))).json();
    expect(page1.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(['node-5', 'node-4']);
    const page2 = await (await listNodes(request(`/api/config/nodes?limit=2&cursor=${page1.next_cursor}`, { token: viewer }))).json();
    expect(page2.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(['node-3', 'node-2']);
    const failed = await (await listNodes(request('/api/config/nodes?status=failed', { token: viewer }))).json();
    expect(failed.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(['node-4', 'node-2']);
    const byIp = await (await listNodes(request('/api/config/nodes?search=10.240.0.13', { token: viewer }))).json();
    expect(byIp.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(['node-3']);
    const byName = await (await listNodes(request('/api/config/nodes?search=NODE-1', { token: viewer }))).json();
    expect(byName.nodes).toHaveLength(1);
    const badStatus = await listNodes(request('/api/config/nodes?status=weird', { token: viewer }));
    expect(badStatus.status).toBe(422);
  });

  it('shows a node with its latest deployment steps, never its chain URL', async () => {
    const node = await db.node.create({ data: { name: 'n1', serverProfile: 'cx3d-metal-48x128' } });
    await db.deployment.create({ data: { kind: 'provision', nodeId: node.id, steps: { create: [{ name: 'validate', position: 0 }] } } });
    const asViewer = await (await getNode(request(`/api/config/nodes/${node.id}`, { token: viewer }), params({ id: String(node.id) }))).json();
    expect(asViewer.deployment.steps).toEqual([expect.objectContaining({ name: 'validate', status: 'pending', attempts: 0 })]);
    expect(asViewer).not.toHaveProperty('chain_url');
    const { token: admin } = await userWithToken('admin');
    const asAdmin = await (await getNode(request(`/api/config/nodes/${node.id}`, { token: admin }), params({ id: String(node.id) }))).json();
    expect(asAdmin).not.toHaveProperty('chain_url');
    const missing = await getNode(request('/api/config/nodes/999', { token: viewer }), params({ id: '999' }));
    expect(missing.status).toBe(404);
  });

  it('validates reinitialize targets from query or body', async () => {
    const none = await reinitialize(request('/api/reinitialize', { token: operator, method: 'POST' }));
    expect(none.status).toBe(422);
    const badIp = await reinitialize(request('/api/reinitialize?mgmt_ip=999.1.1.1', { token: operator, method: 'POST' }));
    expect((await badIp.json()).errors[0].field).toBe('mgmt_ip');
    const unknown = await reinitialize(request('/api/reinitialize', { token: operator, body: { node_id: 42 } }));
    expect(unknown.status).toBe(404);
    const node = await db.node.create({ data: { name: 'n1', serverProfile: 'cx3d-metal-48x128', status: 'provisioning' } });
    const notYet = await reinitializeAlias(request(`/api/config/nodes/${node.id}/reinitialize`, { token: operator, method: 'POST' }), params({ id: String(node.id) }));
    expect(notYet.status).toBe(409);
  });

  it('serves the chain URL to admins only, from its own endpoint, auditing every read', async () => {
    const node = await db.node.create({ data: { name: 'chained', serverProfile: 'cx3d-metal-48x128' } });
    const url = await issueBootChainUrl(node.id, 'http://localhost:3000');
    const { token: admin, user } = await userWithToken('admin');
    const read = () => getChainUrl(request(`/api/config/nodes/${node.id}/chain-url`, { token: admin }), params({ id: String(node.id) }));
    const res = await read();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ chain_url: url });
    expect(url).toMatch(/^http:\/\/localhost:3000\/boot\/config\?node_id=\d+&token=nvn_/);
    await read();
    const audits = await db.auditLog.findMany({ where: { action: 'node.chain_url.read', targetId: String(node.id) } });
    expect(audits).toHaveLength(2);
    expect(audits[0].actorId).not.toBe(user.id); // the token's id: actor is the API token
    for (const role of ['viewer', 'operator'] as const) {
      const { token } = await userWithToken(role);
      expect((await getChainUrl(request(`/api/config/nodes/${node.id}/chain-url`, { token }), params({ id: String(node.id) }))).status).toBe(403);
    }
    expect((await getChainUrl(request('/api/config/nodes/999/chain-url', { token: admin }), params({ id: '999' }))).status).toBe(404);
  });
});
