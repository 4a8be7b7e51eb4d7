import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import { parseHostKeys } from '@/lib/clusters/former/host-keys';
import { INSTALL_PHASES } from '@/lib/status/phases';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

/**
 * A stand-in for the app's /boot and /api/status routes: real HTTP, recording every request,
 * so the virtual node's walk can be asserted without the rest of the app.
 */
interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  range?: string;
  body?: { server_ip: string; phase: string; status: string; message: string; progress: number; callback_id: string; ssh_host_keys?: string[] };
}

let app: http.Server;
let base: string;
let recorded: Recorded[] = [];
let script = '';
let failNextPhasePost = 0;
let configStatus = 200;
let isoName = 'ahv.iso';

beforeAll(async () => {
  app = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      recorded.push({
        method: req.method!, path: url.pathname, query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization, range: req.headers.range as string | undefined, body: raw ? JSON.parse(raw) : undefined,
      });
      if (url.pathname === '/boot/config') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(script);
      if (url.pathname.startsWith('/boot/server/')) {
        const images = { installer_package: `${base}/boot/images/installer.tar.gz?token=${url.searchParams.get('token')}`, ahv_iso: `${base}/boot/images/${isoName}?token=x` };
        return void res.writeHead(configStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ hardware: { boot_disk: 'nvme0n1' }, images }));
      }
      if (url.pathname.startsWith('/boot/images/') && !url.pathname.endsWith('missing.iso')) {
        return void res.writeHead(206, { 'content-range': 'bytes 0-0/2048' }).end('i');
      }
      if (url.pathname === '/api/status/phase') {
        if (failNextPhasePost > 0) {
          failNextPhasePost--;
          return void res.writeHead(503).end();
        }
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"recorded":true}');
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => app.close(() => r())));

let cloud: TestCloud;
beforeAll(async () => {
  // 3000x: the server boots in 0.1 s and the whole install takes under a second.
  cloud = await startTestCloud({ timeScale: 3000, autoboot: true, tickMs: 20 });
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
  recorded = [];
  failNextPhasePost = 0;
  configStatus = 200;
  isoName = 'ahv.iso';
  // What our /boot/config answers (docs/reference/ibmcloud-api.md §7.2): kernel with config_server, initrd, boot.
  script = [
    '#!ipxe',
    ':retry_dhcp',
    'dhcp || goto retry_dhcp',
    `set base-url ${base}`,
    'set node-token nvn_token_for_node_7',
    'kernel --name kernel ${base-url}/boot/images/kernel?token=${node-token} init=/vpc_init config_server=${base-url} LIVEFS_URL=${base-url}/boot/images/squashfs.img?token=${node-token} mgmt_ip=${net0/ip} && goto initrd ||',
    ':initrd',
    'initrd --name initrd ${base-url}/boot/images/initrd-vpc.img?token=${node-token}',
    'boot',
  ].join('\n');
});

async function createNode(name: string, token = 'nvn_token_for_node_7') {
  const ip = await cloud.client.vpc.reserveIp(SIM_DEFAULTS.managementSubnet.id, { name: `${name}-mgmt` });
  const vni = await cloud.client.vpc.createVirtualNetworkInterface({ name: `${name}-vni`, primary_ip: { id: ip.id } });
  const server = await cloud.client.vpc.createBareMetalServer({
    name, profile: { name: 'cx3d-metal-48x128' }, zone: { name: 'us-south-1' },
    initialization: { image: { id: SIM_DEFAULTS.images.ipxe.id }, keys: [{ id: SIM_DEFAULTS.sshKey.id }], user_data: `${base}/boot/config?node_id=7&token=${token}` },
    primary_network_attachment: { name: 'eth0', interface_type: 'pci', virtual_network_interface: { id: vni.id } },
  });
  return { server, ip: ip.address };
}

async function nodeState(name: string, wanted: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const inv = await cloud.inventory();
    const node = inv.bare_metal_servers.find((s: { name: string }) => s.name === name)?.node;
    if (node && wanted.includes(node.state)) return node;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`virtual node ${name} never reached ${wanted.join('/')}`);
}

const phasePosts = () => recorded.filter((r) => r.path === '/api/status/phase').map((r) => r.body!);

describe('virtual node', () => {
  it('walks every install phase for a server created through the client', async () => {
    const { ip } = await createNode('vn-happy');
    await nodeState('vn-happy', ['done']);
    const boot = recorded.filter((r) => r.path !== '/api/status/phase').map((r) => `${r.method} ${r.path}`);
    expect(boot).toEqual([
      'GET /boot/config',
      'GET /boot/images/kernel',
      'GET /boot/images/initrd-vpc.img',
      'GET /boot/images/squashfs.img',
      `GET /boot/server/${ip}`,
      'GET /boot/images/installer.tar.gz',
      'GET /boot/images/ahv.iso',
    ]);
    expect(recorded[0].query).toEqual({ node_id: '7', token: 'nvn_token_for_node_7' });
    expect(recorded[1].query.token).toBe('nvn_token_for_node_7');
    expect(recorded[1].range).toBe('bytes=0-65535');
    expect(recorded[4].query.token).toBe('nvn_token_for_node_7');
    // The images are fetched inside the image_download phase, after it was reported started.
    const downloadStarted = recorded.findIndex((r) => r.body?.phase === 'image_download' && r.body.status === 'started');
    expect(recorded.findIndex((r) => r.path === '/boot/images/installer.tar.gz')).toBeGreaterThan(downloadStarted);
    // Every request carries the node token (reference: DESIGN "Contracts").
    expect(recorded.every((r) => r.authorization === 'Bearer nvn_token_for_node_7')).toBe(true);
    // ipxe_boot and config_download are recorded by the boot routes; the node reports the rest.
    const expected = INSTALL_PHASES.slice(2).flatMap((phase) => [`${phase}:started`, `${phase}:completed`]);
    expect(phasePosts().map((b) => `${b.phase}:${b.status}`)).toEqual(expected);
    expect(phasePosts().every((b) => b.server_ip === ip && b.message.length > 0)).toBe(true);
    const progress = phasePosts().map((b) => b.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    // With cluster_formation the node hands over its CVM's host key, in the form the app accepts.
    const withKeys = phasePosts().filter((b) => b.ssh_host_keys);
    expect(withKeys.map((b) => `${b.phase}:${b.status}`)).toEqual(['cluster_formation:started']);
    expect(parseHostKeys(withKeys[0].ssh_host_keys!)).toHaveLength(1);
  });

  it('fails at the phase chosen for that server through the control endpoint, and reports nothing after', async () => {
    await createNode('vn-fail');
    const set = await cloud.json('/control/servers/vn-fail/behaviour', { method: 'PUT', body: JSON.stringify({ failPhase: 'cluster_formation' }) });
    expect(set.status).toBe(200);
    const node = await nodeState('vn-fail', ['failed']);
    expect(node.detail).toBe('cluster_formation');
    const posts = phasePosts().map((b) => `${b.phase}:${b.status}`);
    expect(posts.slice(-3)).toEqual(['installation:completed', 'cluster_formation:started', 'cluster_formation:failed']);
    await new Promise((r) => setTimeout(r, 300));
    expect(phasePosts().length).toBe(posts.length);
  });

  it('refuses an unknown phase name on the control endpoint', async () => {
    await createNode('vn-bad-phase');
    const res = await cloud.json('/control/servers/vn-bad-phase/behaviour', { method: 'PUT', body: JSON.stringify({ failPhase: 'coffee_break' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].target.name).toBe('failPhase');
  });

  it('goes silent in the chosen phase: started, then nothing', async () => {
    await cloud.setFaults({ silentPhase: 'image_download' });
    await createNode('vn-silent');
    await nodeState('vn-silent', ['silent']);
    await cloud.setFaults({ silentPhase: null });
    await new Promise((r) => setTimeout(r, 300));
    expect(phasePosts().map((b) => `${b.phase}:${b.status}`).slice(-1)).toEqual(['image_download:started']);
  });

  it('retries a phase post that got a 5xx with the same callback id', async () => {
    failNextPhasePost = 2;
    await createNode('vn-retry');
    await nodeState('vn-retry', ['done']);
    const first = phasePosts().filter((b) => b.phase === 'foundation_start' && b.status === 'started');
    expect(first).toHaveLength(3);
    expect(new Set(first.map((b) => b.callback_id)).size).toBe(1);
  });

  it('halts on a 4xx from the installer config route without reporting phases', async () => {
    configStatus = 404;
    await createNode('vn-denied');
    const node = await nodeState('vn-denied', ['halted']);
    expect(node.detail).toContain('404');
    expect(node.detail).not.toContain('nvn_token_for_node_7');
    expect(phasePosts()).toHaveLength(0);
  });

  it('fails image_download when an image of the installer config is missing', async () => {
    isoName = 'missing.iso';
    await createNode('vn-no-iso');
    const node = await nodeState('vn-no-iso', ['failed']);
    expect(node.detail).toBe('image_download');
    const last = phasePosts().at(-1)!;
    expect(last).toMatchObject({ phase: 'image_download', status: 'failed' });
    expect(last.message).toContain('404');
    expect(last.message).not.toContain('token=x');
  });

  it('boots the local disk when /boot/config answers a script without a kernel', async () => {
    script = '#!ipxe\necho Already installed: booting local disk\nexit';
    await createNode('vn-installed');
    const node = await nodeState('vn-installed', ['done']);
    expect(node.detail).toBe('booted from local disk');
    expect(phasePosts()).toHaveLength(0);
  });

  it('stops playing the machine once its server is deleted', async () => {
    const { server } = await createNode('vn-deleted');
    const deadline = Date.now() + 5000;
    while (phasePosts().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await cloud.client.vpc.deleteBareMetalServer(server.id);
    await new Promise((r) => setTimeout(r, 100));
    const count = phasePosts().length;
    await new Promise((r) => setTimeout(r, 1200)); // longer than a whole install at this scale
    expect(phasePosts().length).toBe(count);
    expect(phasePosts().some((b) => b.phase === 'health_validation')).toBe(false);
  });

  it('resumes an unfinished install after a simulator restart, without repeating completed phases', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-vn-'));
    const stateFile = path.join(dir, 'state.json');
    try {
      let sim = await startTestCloud({ timeScale: 1500, autoboot: true, tickMs: 20, stateFile });
      const ip = await sim.client.vpc.reserveIp(SIM_DEFAULTS.managementSubnet.id, { name: 'vn-resume-mgmt' });
      const vni = await sim.client.vpc.createVirtualNetworkInterface({ name: 'vn-resume-vni', primary_ip: { id: ip.id } });
      await sim.client.vpc.createBareMetalServer({
        name: 'vn-resume', profile: { name: 'cx3d-metal-48x128' }, zone: { name: 'us-south-1' },
        initialization: { image: { id: SIM_DEFAULTS.images.ipxe.id }, keys: [{ id: SIM_DEFAULTS.sshKey.id }], user_data: `${base}/boot/config?node_id=7&token=nvn_token_for_node_7` },
        primary_network_attachment: { name: 'eth0', interface_type: 'pci', virtual_network_interface: { id: vni.id } },
      });
      const deadline = Date.now() + 10_000;
      // Wait until the simulator itself has recorded image_download as done (the post alone may
      // be seen here before the node got its answer; an unanswered post is repeated on resume).
      const downloaded = INSTALL_PHASES.indexOf('image_download');
      while (Date.now() < deadline && ((await sim.inventory()).bare_metal_servers[0]?.node.lastPhase ?? -1) < downloaded) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await sim.close();
      const before = phasePosts().length;
      const requestsBefore = recorded.length;
      sim = await startTestCloud({ timeScale: 1500, autoboot: true, tickMs: 20, stateFile });
      try {
        const end = Date.now() + 10_000;
        let state = '';
        while (state !== 'done' && Date.now() < end) {
          state = (await sim.inventory()).bare_metal_servers[0].node.state;
          await new Promise((r) => setTimeout(r, 25));
        }
        expect(state).toBe('done');
      } finally {
        await sim.close();
      }
      const resumed = phasePosts().slice(before).map((b) => `${b.phase}:${b.status}`);
      expect(resumed).not.toContain('foundation_start:started');
      expect(resumed).not.toContain('image_download:completed');
      expect(resumed.at(-1)).toBe('health_validation:completed');
      // After the restart the node asked for its installer config again, not for the boot script.
      const afterRestart = recorded.slice(requestsBefore).map((r) => r.path);
      expect(afterRestart.some((p) => p.startsWith('/boot/server/'))).toBe(true);
      expect(afterRestart).not.toContain('/boot/config');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
