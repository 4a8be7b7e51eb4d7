import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudConflictError, CloudNotFoundError, CloudQuotaError, CloudValidationError } from '@/lib/ibmcloud/errors';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import type { BareMetalServer, BareMetalServerPrototype } from '@/lib/ibmcloud/types';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

const MGMT = SIM_DEFAULTS.managementSubnet.id;
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: 300 });
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
  await cloud.setFaults({ quotaErrors: false, stuckServers: [], queue: [] });
});

/** The create body of docs/reference/ibmcloud-api.md §3.7: network attachments, iPXE image, chain URL as user data. */
async function prototype(name: string): Promise<BareMetalServerPrototype> {
  const ip = await cloud.client.vpc.reserveIp(MGMT, { name: `${name}-mgmt` });
  const vni = await cloud.client.vpc.createVirtualNetworkInterface({ name: `${name}-mgmt-vni`, primary_ip: { id: ip.id }, allow_ip_spoofing: true });
  return {
    name,
    profile: { name: 'cx3d-metal-48x128' },
    zone: { name: 'us-south-1' },
    vpc: { id: SIM_DEFAULTS.vpc.id },
    resource_group: { id: SIM_DEFAULTS.resourceGroupId },
    initialization: { image: { id: SIM_DEFAULTS.images.ipxe.id }, keys: [{ id: SIM_DEFAULTS.sshKey.id }], user_data: `http://127.0.0.1:9/boot/config?node_id=1&token=nvn_x` },
    primary_network_attachment: { name: 'eth0', interface_type: 'pci', allowed_vlans: [100], virtual_network_interface: { id: vni.id } },
    network_attachments: [{ name: 'vlan100', interface_type: 'vlan', vlan: 100, virtual_network_interface: { name: `${name}-cvm-vni`, subnet: { id: MGMT } } }],
  };
}

async function waitForStatus(id: string, wanted: string, timeoutMs = 8000): Promise<BareMetalServer> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await cloud.client.vpc.getBareMetalServer(id);
    if (seen.at(-1) !== s.status) seen.push(s.status);
    if (s.status === wanted) return Object.assign(s, { seen });
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`server ${id} never reached ${wanted}; saw ${seen.join(' -> ')}`);
}

describe('bare metal create (docs/reference/ibmcloud-api.md §3.1, §3.2, §3.7)', () => {
  it('sends the network-attachment create body with initialization {image, keys, user_data}', async () => {
    const body = await prototype('bm-body');
    await cloud.client.vpc.createBareMetalServer(body);
    const { body: recorded } = await cloud.json('/control/requests');
    const create = recorded.requests.find((r: { method: string; path: string }) => r.method === 'POST' && r.path === '/v1/bare_metal_servers');
    expect(create.body).toEqual(body);
    expect(create.body.initialization).toEqual({ image: { id: SIM_DEFAULTS.images.ipxe.id }, keys: [{ id: SIM_DEFAULTS.sshKey.id }], user_data: body.initialization.user_data });
    expect(create.body.primary_network_attachment.virtual_network_interface).toHaveProperty('id');
    expect(create.query).toMatchObject({ generation: '2' });
  });

  it('answers a server in pending with its attachments and IPs (201, resource_type bare_metal_server)', async () => {
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-shape'));
    expect(server).toMatchObject({ name: 'bm-shape', resource_type: 'bare_metal_server', status: 'pending', profile: { name: 'cx3d-metal-48x128' }, zone: { name: 'us-south-1' } });
    expect(server.primary_network_attachment).toMatchObject({ interface_type: 'pci', type: 'primary', resource_type: 'bare_metal_server_network_attachment', allowed_vlans: [100] });
    expect(server.network_attachments?.[1]).toMatchObject({ interface_type: 'vlan', vlan: 100, type: 'secondary' });
    expect(server.primary_network_attachment?.primary_ip.address).toMatch(/^10\.240\.0\./);
    expect(server.disks?.length).toBe(5);
  });

  it('moves pending -> starting -> running on the scaled clock (docs/reference/ibmcloud-api.md §3.4)', async () => {
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-life'));
    const running = (await waitForStatus(server.id, 'running')) as BareMetalServer & { seen: string[] };
    expect(running.seen).toEqual(['pending', 'starting', 'running']);
  });

  it('is idempotent by name: a POST replayed after a 5xx that succeeded returns the one server', async () => {
    const body = await prototype('bm-replay');
    await cloud.setFaults({ queue: [{ status: 503, method: 'POST', pathIncludes: '/bare_metal_servers', afterProcessing: true }] });
    const server = await cloud.client.vpc.createBareMetalServer(body);
    expect(server.name).toBe('bm-replay');
    expect((await cloud.client.vpc.listBareMetalServers()).length).toBe(1);
    // A later create with the same name (e.g. a resumed workflow) also returns it.
    expect((await cloud.client.vpc.createBareMetalServer(body)).id).toBe(server.id);
    expect((await cloud.inventory()).totals.bare_metal_servers).toBe(1);
  });

  it('rejects a body without keys, an unknown profile and a wrong zone with field targets', async () => {
    const body = await prototype('bm-invalid');
    const noKeys = await cloud.client.vpc.createBareMetalServer({ ...body, initialization: { ...body.initialization, keys: [] } }).catch((e) => e);
    expect(noKeys).toBeInstanceOf(CloudValidationError);
    expect(noKeys.target.name).toBe('initialization.keys');
    const profile = await cloud.client.vpc.createBareMetalServer({ ...body, profile: { name: 'zz-metal-1x1' } }).catch((e) => e);
    expect(profile).toBeInstanceOf(CloudNotFoundError);
    const zone = await cloud.client.vpc.createBareMetalServer({ ...body, zone: { name: 'eu-de-1' } }).catch((e) => e);
    expect(zone.target).toMatchObject({ name: 'zone.name' });
    expect((await cloud.inventory()).totals.bare_metal_servers).toBe(0);
    // A failed create leaks no inline VNI or reserved IP.
    expect((await cloud.inventory()).totals.virtual_network_interfaces).toBe(1);
  });

  it('answers quota errors on create as permanent (SIM_QUOTA_ERRORS)', async () => {
    await cloud.setFaults({ quotaErrors: true });
    const err = await cloud.client.vpc.createBareMetalServer(await prototype('bm-quota')).catch((e) => e);
    expect(err).toBeInstanceOf(CloudQuotaError);
    expect(err.code).toBe('bare_metal_server_quota_exceeded');
    expect(err.retryable).toBe(false);
  });
});

describe('bare metal lifecycle actions (docs/reference/ibmcloud-api.md §3.1, §3.4, §3.6)', () => {
  it('lists with a name filter and finds by name', async () => {
    const a = await cloud.client.vpc.createBareMetalServer(await prototype('bm-list-a'));
    await cloud.client.vpc.createBareMetalServer(await prototype('bm-list-b'));
    expect((await cloud.client.vpc.listBareMetalServers()).length).toBe(2);
    expect((await cloud.client.vpc.listBareMetalServers({ name: 'bm-list-a' })).map((s) => s.id)).toEqual([a.id]);
    expect((await cloud.client.vpc.findBareMetalServerByName('bm-list-a'))?.id).toBe(a.id);
    expect(await cloud.client.vpc.findBareMetalServerByName('bm-none')).toBeNull();
  });

  it('stops, refuses a second stop with 409 invalid_state, starts again', async () => {
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-power'));
    await waitForStatus(server.id, 'running');
    await cloud.client.vpc.stopBareMetalServer(server.id, 'hard');
    const stopped = (await waitForStatus(server.id, 'stopped')) as BareMetalServer & { seen: string[] };
    expect(stopped.seen).toEqual(['stopping', 'stopped']);
    const twice = await cloud.client.vpc.stopBareMetalServer(server.id).catch((e) => e);
    expect(twice).toBeInstanceOf(CloudConflictError);
    expect(twice.code).toBe('invalid_state');
    await cloud.client.vpc.startBareMetalServer(server.id);
    await waitForStatus(server.id, 'running');
  });

  it('reinitializes only a stopped server, which then starts by itself', async () => {
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-reinit'));
    await waitForStatus(server.id, 'running');
    const init = { image: { id: SIM_DEFAULTS.images.ipxe.id }, keys: [{ id: SIM_DEFAULTS.sshKey.id }], user_data: 'http://127.0.0.1:9/boot/config?node_id=1&token=nvn_y' };
    const running = await cloud.client.vpc.replaceBareMetalServerInitialization(server.id, init).catch((e) => e);
    expect(running.code).toBe('invalid_state');
    await cloud.client.vpc.stopBareMetalServer(server.id);
    await waitForStatus(server.id, 'stopped');
    await cloud.client.vpc.replaceBareMetalServerInitialization(server.id, init);
    const after = (await waitForStatus(server.id, 'running')) as BareMetalServer & { seen: string[] };
    expect(after.seen).toEqual(['reinitializing', 'starting', 'running']);
    const { body } = await cloud.json('/control/requests');
    expect(body.requests.find((r: { method: string }) => r.method === 'PUT').body).toEqual(init);
  });

  it('deletes: deleting, then 404; inline VNIs go with the server, standalone ones are freed', async () => {
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-delete'));
    expect(await cloud.client.vpc.deleteBareMetalServer(server.id)).toBe(true);
    expect((await cloud.client.vpc.getBareMetalServer(server.id)).status).toBe('deleting');
    const deadline = Date.now() + 5000;
    let gone = false;
    while (!gone && Date.now() < deadline) {
      gone = await cloud.client.vpc.getBareMetalServer(server.id).then(() => false, (e) => e instanceof CloudNotFoundError);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(gone).toBe(true);
    expect(await cloud.client.vpc.deleteBareMetalServer(server.id)).toBe(false);
    const inventory = await cloud.inventory();
    expect(inventory.virtual_network_interfaces.map((v: { name: string }) => v.name)).toEqual(['bm-delete-mgmt-vni']);
    expect(inventory.virtual_network_interfaces[0].target).toBeNull();
  });

  it('keeps a server named in SIM_STUCK_SERVERS in starting', async () => {
    await cloud.setFaults({ stuckServers: ['bm-stuck'] });
    const server = await cloud.client.vpc.createBareMetalServer(await prototype('bm-stuck'));
    await waitForStatus(server.id, 'starting');
    await new Promise((r) => setTimeout(r, 1500)); // longer than the scaled boot time
    expect((await cloud.client.vpc.getBareMetalServer(server.id)).status).toBe('starting');
  });
});
