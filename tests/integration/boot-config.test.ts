import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as bootConfig } from '@/app/boot/config/route';
import { GET as installerConfig } from '@/app/boot/server/[ip]/route';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { db } from '@/lib/db/client';
import { flushBootFetches, recordBootFetch } from '@/lib/boot/fetch-record';
import { reportPhaseQuietly, reportPhaseStartInBackground } from '@/lib/status/callbacks';
import { listEvents } from '@/lib/status/timeline';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';

async function script(query: string) {
  const res = await bootConfig(request(`/boot/config?${query}`));
  return { res, text: await res.text() };
}

describe('GET /boot/config', () => {
  beforeAll(() => useBootEnvironment('http://10.0.2.100'));
  beforeEach(resetDatabase);

  it('serves an install script with banner, DHCP retry, image URLs and the kernel command line', async () => {
    const { node, token } = await bootableNode();
    const { res, text } = await script(`node_id=${node.id}&token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.startsWith('#!ipxe\n')).toBe(true);
    expect(text).toContain(`Node:          ${node.name} (id ${node.id})`);
    expect(text).toContain(`AHV IP:        ${node.ahvIp}`);
    expect(text).toMatch(/:dhcp\ndhcp && goto network_ready \|\|/);
    expect(text).toContain('set base-url http://10.0.2.100\n');
    expect(text).toContain(`set node-token ${token}\n`);
    expect(text).toContain('kernel --name kernel ${base-url}/boot/images/kernel?token=${node-token} initrd=initrd init=/vpc_init config_server=${base-url} node_id=${node-id} node_token=${node-token}');
    expect(text).toContain('LIVEFS_URL=${base-url}/boot/images/squashfs.img?token=${node-token} AUTOMATED_INSTALL=true');
    expect(text).toContain('initrd --name initrd ${base-url}/boot/images/initrd-vpc.img?token=${node-token}');
    expect(text).toMatch(/\nboot \|\| goto failed\n/);
  });

  it('records ipxe_boot and the fetch once per window, and marks the node as seen', async () => {
    const { node, token } = await bootableNode({ status: 'provisioning' });
    await script(`node_id=${node.id}&token=${token}`);
    await script(`node_id=${node.id}&token=${token}`);
    await flushBootFetches();
    const events = await listEvents({ nodeId: node.id });
    expect(events.filter((e) => e.phase === 'ipxe_boot')).toHaveLength(1);
    expect(events.filter((e) => e.phase === 'boot_asset')).toHaveLength(1);
    expect(events.find((e) => e.phase === 'boot_asset')?.details).toMatchObject({ asset: 'boot/config', httpStatus: 200 });
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after.phase).toBe('ipxe_boot');
    expect(after.lastFetch).toBe('boot/config');
    expect(after.lastSeenAt).not.toBeNull();
  });

  it('accepts the original mgmt_ip parameter, including a stray @ for &', async () => {
    const { node, token } = await bootableNode();
    expect((await script(`mgmt_ip=${node.managementIp}&token=${token}`)).res.headers.get('x-boot-decision')).toBe('install');
    expect((await script(`mgmt_ip=${node.managementIp}@token=${token}`)).res.headers.get('x-boot-decision')).toBe('install');
  });

  it('answers an unknown node and a wrong token with the same error script', async () => {
    const { node, token } = await bootableNode();
    const other = await bootableNode();
    const unknown = await script(`node_id=9999&token=${token}`);
    const wrong = await script(`node_id=${node.id}&token=nvn_wrong`);
    const foreign = await script(`node_id=${node.id}&token=${other.token}`);
    const wrongIp = await script(`mgmt_ip=10.9.9.9&token=${token}`);
    expect(unknown.text).toContain('#!ipxe');
    expect(unknown.text).toContain('boot error');
    expect(wrong.text).toBe(unknown.text);
    expect(foreign.text).toBe(unknown.text);
    expect(wrongIp.text).toBe(unknown.text);
    expect(unknown.text).not.toContain(node.name);
    expect(await listEvents({ nodeId: node.id })).toHaveLength(0);
  });

  it('names the malformed field in the error script', async () => {
    const { text, res } = await script('node_id=abc&token=x');
    expect(res.status).toBe(200);
    expect(text).toContain('Bad request: node_id:');
  });

  it('tells an installed node to boot its local disk instead of reinstalling', async () => {
    const { node, token } = await bootableNode({ status: 'deployed', phase: 'health_validation' });
    const { text, res } = await script(`node_id=${node.id}&token=${token}`);
    expect(res.headers.get('x-boot-decision')).toBe('local_disk');
    expect(text).toContain('sanboot --no-describe --drive 0x80');
    expect(text).toContain('\nexit\n');
    expect(text).not.toContain('kernel');
  });

  it('boots the disk after the installer rebooted, before the node is marked deployed', async () => {
    const { node, token } = await bootableNode({ phase: 'installation' });
    // Through the state machine, as the installer reports it (a raw insert would not reach the
    // report-state cache, which the bus keeps coherent only with changes made the app's way).
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'installation', status: 'started', message: 'installing' })).not.toBeNull();
    expect((await script(`node_id=${node.id}&token=${token}`)).res.headers.get('x-boot-decision')).toBe('install');
    // As the installer reports it: through the phase state machine, which publishes the change.
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'installation', status: 'completed', message: 'installed' })).not.toBeNull();
    // The cached decision goes when the bus brings the change back (milliseconds).
    const deadline = Date.now() + 3000;
    let decision: string | null = null;
    while (decision !== 'local_disk' && Date.now() < deadline) {
      decision = (await script(`node_id=${node.id}&token=${token}`)).res.headers.get('x-boot-decision');
      if (decision !== 'local_disk') await new Promise((r) => setTimeout(r, 20));
    }
    expect(decision).toBe('local_disk');
  });

  it('has ipxe_boot in the timeline when the node reports its next phase right after fetching its script', async () => {
    const { node, token } = await bootableNode();
    expect((await script(`node_id=${node.id}&token=${token}`)).res.headers.get('x-boot-decision')).toBe('install');
    // The simulator's virtual node reports within milliseconds; a real one after its downloads.
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'config_download', status: 'started', message: 'config' })).not.toBeNull();
    await flushBootFetches();
    const phases = (await db.deploymentEvent.findMany({ where: { nodeId: node.id }, orderBy: { id: 'asc' } })).map((e) => `${e.phase} ${e.status}`);
    expect(phases).toContain('ipxe_boot started');
    expect(phases.indexOf('ipxe_boot started')).toBeLessThan(phases.indexOf('config_download started'));
  });

  it("answers a node's first fetch without waiting for its ipxe_boot report to be written", async () => {
    const { node, token } = await bootableNode();
    // Another session holds the node's row: the report's write waits for it, the script must not.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM "Node" WHERE "id" = $1 FOR UPDATE', [node.id]);
      const answered = await Promise.race([
        script(`node_id=${node.id}&token=${token}`).then(({ res }) => res.headers.get('x-boot-decision')),
        new Promise((r) => setTimeout(() => r('still waiting after 3 s'), 3000)),
      ]);
      expect(answered).toBe('install');
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    await flushBootFetches();
    expect((await listEvents({ nodeId: node.id })).map((e) => `${e.phase} ${e.status}`)).toContain('ipxe_boot started');
    expect((await db.node.findUniqueOrThrow({ where: { id: node.id } })).phase).toBe('ipxe_boot');
  });

  it('writes "seen" for the other nodes of a batch while one node\'s row is held, and that one later', async () => {
    const held = await bootableNode();
    const free = await bootableNode();
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      // As a phase report's write holds it (lib/status/apply-phase-report.ts).
      await holder.query('SELECT 1 FROM "Node" WHERE "id" = $1 FOR NO KEY UPDATE', [held.node.id]);
      for (const { node } of [held, free]) await recordBootFetch({ nodeId: node.id, status: 'completed', asset: 'kernel', httpStatus: 200, message: 'kernel' });
      const flushed = await Promise.race([flushBootFetches().then(() => 'flushed'), new Promise((r) => setTimeout(() => r('blocked for 3 s'), 3000))]);
      expect(flushed).toBe('flushed');
      expect((await db.node.findUniqueOrThrow({ where: { id: free.node.id } })).lastFetch).toBe('kernel');
      expect((await db.node.findUniqueOrThrow({ where: { id: held.node.id } })).lastFetch).toBeNull();
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    await flushBootFetches();
    expect((await db.node.findUniqueOrThrow({ where: { id: held.node.id } })).lastFetch).toBe('kernel');
  });

  it('puts a late ipxe_boot start before the phase the node reported first elsewhere, and leaves the node there', async () => {
    const { node } = await bootableNode();
    const fetchedAt = new Date(Date.now() - 50);
    // The node's next report reached another process before this one wrote the start it saw.
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'config_download', status: 'started', message: 'config', source: 'node' })).not.toBeNull();
    await reportPhaseStartInBackground({ nodeId: node.id, phase: 'ipxe_boot', message: 'iPXE boot initiated', observedAt: fetchedAt });
    const timeline = (await listEvents({ nodeId: node.id })).map((e) => `${e.phase} ${e.status}`);
    expect(timeline).toEqual(['ipxe_boot started', 'config_download started']);
    expect((await db.node.findUniqueOrThrow({ where: { id: node.id } })).phase).toBe('config_download');
    // The node goes on from where it is: its next phase ends config_download, not ipxe_boot.
    await reportPhaseQuietly({ nodeId: node.id, phase: 'foundation_start', status: 'started', source: 'node' });
    const ended = (await listEvents({ nodeId: node.id })).filter((e) => e.status === 'completed').map((e) => e.phase);
    expect(ended).toEqual(['config_download']);
  });

  it('refuses a failed node with a reason and a timed retry', async () => {
    const { node, token } = await bootableNode({ status: 'failed' });
    const { text } = await script(`node_id=${node.id}&token=${token}`);
    expect(text).toContain(`Node ${node.name} is failed`);
    expect(text).toMatch(/prompt --timeout 60000 .*\nchain --replace --autofree http:\/\/10\.0\.2\.100\/boot\/config\?node_id=\d+&token=nvn_/);
  });

  it('stops honouring the old token after a rotation', async () => {
    const { node, token } = await bootableNode();
    await issueNodeToken(node.id);
    expect((await script(`node_id=${node.id}&token=${token}`)).res.headers.get('x-boot-decision')).toBe('denied');
  });
});

describe('GET /boot/server/{ip}', () => {
  beforeAll(() => useBootEnvironment('http://10.0.2.100'));
  beforeEach(resetDatabase);

  const get = (ip: string, token?: string) => installerConfig(request(`/boot/server/${ip}`, { token }), params({ ip }));

  it('serves the installer configuration with storage layout, network and image URLs', async () => {
    const { node, token } = await bootableNode();
    await db.bootImage.create({ data: { name: 'squashfs.img', kind: 'squashfs', size: 1234n, sha256: 'a'.repeat(64) } });
    const res = await get(node.managementIp!, token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.hardware).toEqual({
      model: 'CommunityEdition', boot_disk: 'nvme0n1', boot_disk_model: 'Micron_7450_PRO', boot_disk_size_gb: 960,
      cvm_data_disks: ['nvme1n1', 'nvme2n1', 'nvme3n1', 'nvme4n1', 'nvme5n1', 'nvme6n1', 'nvme7n1'],
      cvm_boot_disks: ['nvme0n1'], hypervisor_boot_disk: 'nvme0n1', reserved_disks: ['nvme8n1'], raid_config: 'nutanix_managed',
    });
    expect(body.resources).toEqual({ cvm_memory_gb: 32, cvm_vcpus: 16 });
    expect(body.network).toMatchObject({ cvm_ip: node.cvmIp, cvm_netmask: '255.255.255.0', cvm_gateway: '10.240.0.1', dns_servers: ['161.26.0.10', '161.26.0.11'] });
    expect(body.node).toMatchObject({ name: node.name, management_ip: node.managementIp, ahv_ip: node.ahvIp });
    expect(body.images.squashfs).toEqual({ url: `http://10.0.2.100/boot/images/squashfs.img?token=${token}`, size: 1234, sha256: 'a'.repeat(64) });
    expect(body.images.installer_package.sha256).toBeNull();
    await flushBootFetches();
    const events = await listEvents({ nodeId: node.id });
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['config_download', 'boot_asset']));
  });

  it("is 403 with another node's token and without a token", async () => {
    const { node } = await bootableNode();
    const other = await bootableNode();
    expect((await get(node.managementIp!, other.token)).status).toBe(403);
    expect((await get(node.managementIp!)).status).toBe(403);
  });

  it('is 422 naming the field for a malformed IP', async () => {
    const { token } = await bootableNode();
    const res = await get('not-an-ip', token);
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: 'ip', message: 'must be an IPv4 address' }]);
  });

  it('closes for a deployed node', async () => {
    const { node, token } = await bootableNode({ status: 'deployed' });
    expect((await get(node.managementIp!, token)).status).toBe(403);
  });
});
