import { beforeEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/status/phase/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { installingNode } from '../helpers/status-nodes';

function post(token: string | undefined, body: unknown, headers?: Record<string, string>) {
  return POST(request('/api/status/phase', { method: 'POST', token, body, headers }));
}

const events = (nodeId: number) => db.deploymentEvent.findMany({ where: { nodeId }, orderBy: { id: 'asc' } });

describe('POST /api/status/phase', () => {
  beforeEach(resetDatabase);

  it('records a started phase and moves the node to deploying with phase, message and lastSeenAt', async () => {
    const { node, token } = await installingNode({ status: 'provisioning' });
    const res = await post(token, { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'iPXE up' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ message: 'Status updated successfully', recorded: true });
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after).toMatchObject({ status: 'deploying', phase: 'ipxe_boot', statusMessage: 'iPXE up', progress: 0 });
    expect(after.lastSeenAt).toBeInstanceOf(Date);
    expect(await events(node.id)).toMatchObject([{ phase: 'ipxe_boot', status: 'started', source: 'node' }]);
  });

  it('treats a retried identical callback as the same event', async () => {
    const { node, token } = await installingNode();
    const body = { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'in_progress', message: 'dhcp ok', progress: 40 };
    expect((await post(token, body)).status).toBe(200);
    const retry = await post(token, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ recorded: false });
    expect(await events(node.id)).toHaveLength(1);
  });

  it('deduplicates by callback_id or Idempotency-Key even when the retry differs in wording', async () => {
    const { node, token } = await installingNode();
    const body = { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'a', callback_id: 'cb-1' };
    await post(token, body);
    await post(token, { ...body, message: 'b' });
    await post(token, { ...body, callback_id: undefined, message: 'c' }, { 'idempotency-key': 'hdr-1' });
    await post(token, { ...body, callback_id: undefined, message: 'd' }, { 'idempotency-key': 'hdr-1' });
    expect((await events(node.id)).map((e) => e.message)).toEqual(['a', 'c']);
  });

  it("refuses a callback signed with another node's token (403) and one without a token", async () => {
    const a = await installingNode({ managementIp: '10.240.0.21' });
    const b = await installingNode({ managementIp: '10.240.0.22' });
    const body = { server_ip: a.node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'forged' };
    const forged = await post(b.token, body);
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(undefined, body)).status).toBe(403);
    expect((await post('nvn_not-a-real-token', body)).status).toBe(403);
    expect(await events(a.node.id)).toHaveLength(0);
  });

  it('answers 422 naming the field for an unknown phase or status', async () => {
    const { node, token } = await installingNode();
    const res = await post(token, { server_ip: node.managementIp, phase: 'warp_drive', status: 'started', message: 'x' });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['phase']);
    const bad = await post(token, { server_ip: 'not-an-ip', phase: 'ipxe_boot', status: 'sideways', message: 'x' });
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['server_ip', 'status']);
  });

  it('accepts the original vocabulary: success completes a started phase', async () => {
    const { node, token } = await installingNode();
    await post(token, { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'starting', message: 's' });
    const res = await post(token, { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'success', message: 'ok' });
    expect(res.status).toBe(200);
    expect((await events(node.id)).map((e) => e.status)).toEqual(['started', 'completed']);
  });

  it('refuses out-of-order reports with 409: completing an unstarted phase, going back, re-completing', async () => {
    const { node, token } = await installingNode();
    const ip = node.managementIp;
    const early = await post(token, { server_ip: ip, phase: 'config_download', status: 'completed', message: 'x' });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toMatch(/cannot complete before it has started/);
    await post(token, { server_ip: ip, phase: 'config_download', status: 'started', message: 'x' });
    const back = await post(token, { server_ip: ip, phase: 'ipxe_boot', status: 'started', message: 'again' });
    expect(back.status).toBe(409);
    expect(await back.json()).toMatchObject({ currentPhase: 'config_download', currentStatus: 'started' });
    await post(token, { server_ip: ip, phase: 'config_download', status: 'completed', message: 'done' });
    const twice = await post(token, { server_ip: ip, phase: 'config_download', status: 'completed', message: 'done again' });
    expect(twice.status).toBe(409);
  });

  it('ends the running phase implicitly when a later one starts, measuring its duration', async () => {
    const { node, token } = await installingNode();
    await post(token, { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'a' });
    await post(token, { server_ip: node.managementIp, phase: 'foundation_start', status: 'started', message: 'b' });
    const list = await events(node.id);
    expect(list.map((e) => [e.phase, e.status])).toEqual([
      ['ipxe_boot', 'started'],
      ['ipxe_boot', 'completed'],
      ['foundation_start', 'started'],
    ]);
    expect(list[1].durationMs).toBeGreaterThanOrEqual(0);
    expect(list[1].details).toEqual({ implicit: true });
  });

  it('marks the node failed with the reason, then refuses further reports', async () => {
    const { node, token } = await installingNode();
    await post(token, { server_ip: node.managementIp, phase: 'image_download', status: 'started', message: 'dl' });
    const res = await post(token, { server_ip: node.managementIp, phase: 'image_download', status: 'failed', message: 'checksum mismatch' });
    expect(res.status).toBe(200);
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after).toMatchObject({ status: 'failed', failedStep: 'image_download', failureReason: 'image_download failed: checksum mismatch' });
    const late = await post(token, { server_ip: node.managementIp, phase: 'installation', status: 'started', message: 'x' });
    expect(late.status).toBe(409);
    expect(await db.auditLog.count({ where: { action: 'node.failed' } })).toBe(1);
  });

  it('marks the node deployed when health_validation completes', async () => {
    const { node, token } = await installingNode();
    const ip = node.managementIp;
    await post(token, { server_ip: ip, phase: 'health_validation', status: 'started', message: 'checking' });
    const res = await post(token, { server_ip: ip, phase: 'health_validation', status: 'completed', message: 'healthy' });
    expect(await res.json()).toMatchObject({ node: { status: 'deployed', progress: 100 } });
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after.deployedAt).toBeInstanceOf(Date);
    // The installer retrying its last callback after the node is deployed is still just a retry.
    expect((await post(token, { server_ip: ip, phase: 'health_validation', status: 'completed', message: 'healthy' })).status).toBe(200);
  });

  it('serializes concurrent callbacks for one node without losing or duplicating events', async () => {
    const { node, token } = await installingNode();
    const body = { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'same' };
    const results = await Promise.all([post(token, body), post(token, body), post(token, body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await events(node.id)).toHaveLength(1);
  });
});
