import { beforeEach, describe, expect, it } from 'vitest';
import { POST as phase } from '@/app/api/status/phase/route';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { knownHostsFor, learnHostKeys } from '@/lib/clusters/former/host-keys';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { installingNode } from '../helpers/status-nodes';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfTheCvm';
const CVM = '10.240.0.111';

async function nodeWithCvm() {
  const { node, token } = await installingNode({ managementIp: '10.240.0.11' });
  await db.node.update({ where: { id: node.id }, data: { cvmIp: CVM, phase: 'installation' } });
  await db.ipAllocation.create({ data: { subnetId: 'subnet-mgmt', address: CVM, purpose: 'cvm', nodeId: node.id } });
  return { node, token };
}

const report = (token: string, body: Record<string, unknown>) =>
  phase(request('/api/status/phase', { token, body: { server_ip: '10.240.0.11', phase: 'cluster_formation', status: 'started', message: 'AHV up', ...body } }));

describe('CVM SSH host keys in PostgreSQL', () => {
  beforeEach(resetDatabase);

  it('takes the host key the node reports with its cluster_formation phase (node token), for its CVM address', async () => {
    const { node, token } = await nodeWithCvm();
    expect((await report(token, { ssh_host_keys: [`${KEY} root@cvm`] })).status).toBe(200);
    expect(await knownHostsFor([CVM])).toBe(`${CVM} ${KEY}\n`);
    expect(await db.sshHostKey.findUniqueOrThrow({ where: { address: CVM } })).toMatchObject({ nodeId: node.id, source: 'node_report' });
  });

  it('refuses malformed keys and keys with another phase (422 naming the field)', async () => {
    const { token } = await nodeWithCvm();
    const bad = await report(token, { ssh_host_keys: ['not a key'] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('ssh_host_keys.0');
    const wrongPhase = await report(token, { phase: 'installation', status: 'in_progress', ssh_host_keys: [KEY] });
    expect(wrongPhase.status).toBe(422);
    expect(await db.sshHostKey.count()).toBe(0);
  });

  it('forgets a key once its address is released', async () => {
    const { token } = await nodeWithCvm();
    await report(token, { ssh_host_keys: [KEY] });
    await db.ipAllocation.updateMany({ where: { address: CVM }, data: { releasedAt: new Date() } });
    expect(await knownHostsFor([CVM])).toBe('');
    expect(await db.sshHostKey.count()).toBe(0);
  });

  it('forgets a key once its node is reinitialized (new boot token), and learns a first-use key for the address holder', async () => {
    const { node, token } = await nodeWithCvm();
    await report(token, { ssh_host_keys: [KEY] });
    await new Promise((r) => setTimeout(r, 5));
    await issueNodeToken(node.id);
    expect(await knownHostsFor([CVM])).toBe('');
    await learnHostKeys(CVM, `${CVM} ssh-ed25519 AAAAFirstSeenAfterReinstall\nother.host ssh-rsa AAAAB3\n`);
    expect(await knownHostsFor([CVM])).toBe(`${CVM} ssh-ed25519 AAAAFirstSeenAfterReinstall\n`);
    expect(await db.sshHostKey.findUniqueOrThrow({ where: { address: CVM } })).toMatchObject({ nodeId: node.id, source: 'first_use' });
  });
});
