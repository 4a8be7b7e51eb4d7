import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudConflictError, CloudNotFoundError, CloudQuotaError, CloudValidationError } from '@/lib/ibmcloud/errors';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

const MGMT = SIM_DEFAULTS.managementSubnet.id;
const WORKLOAD = SIM_DEFAULTS.workloadSubnet.id;

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
});

describe('VPC calls a burst of provisions shares', () => {
  const operations = async (): Promise<Record<string, number>> => (await cloud.json('/control/rate-limit')).body.operations;

  it('joins callers of the same listing while it is in flight, each getting its own copy', async () => {
    const before = await operations();
    const lists = await Promise.all(Array.from({ length: 5 }, () => cloud.client.vpc.listReservedIps(MGMT)));
    const after = await operations();
    const op = 'GET /v1/subnets/{id}/reserved_ips';
    expect(after[op] - (before[op] ?? 0)).toBe(1);
    expect(new Set(lists.map((l) => JSON.stringify(l))).size).toBe(1);
    expect(lists[0]).not.toBe(lists[1]);
    // A listing asked for after the last one answered goes out again: what it lists may have changed.
    await cloud.client.vpc.listReservedIps(MGMT);
    expect((await operations())[op] - after[op]).toBe(1);
  });

  it('reuses a listing that answered less than maxAgeMs ago when the caller allows it (address plans), never for others', async () => {
    const op = 'GET /v1/subnets/{id}/reserved_ips';
    const before = (await operations())[op] ?? 0;
    await cloud.client.vpc.listReservedIps(MGMT);
    await cloud.client.vpc.reserveIp(MGMT, { name: 'after-the-listing' });
    // 200 provisions planning their addresses listed both subnets (every page) ~100 times:
    // 40 % of the VPC calls of the burst (bench/provisions.ts).
    const recent = await cloud.client.vpc.listReservedIps(MGMT, { maxAgeMs: 60_000 });
    expect(((await operations())[op] ?? 0) - before).toBe(1);
    expect(recent.some((ip) => ip.name === 'after-the-listing')).toBe(false);
    const fresh = await cloud.client.vpc.listReservedIps(MGMT);
    expect(fresh.some((ip) => ip.name === 'after-the-listing')).toBe(true);
    expect(((await operations())[op] ?? 0) - before).toBe(2);
    expect(await cloud.client.vpc.listReservedIps(MGMT, { maxAgeMs: 0 })).toHaveLength(fresh.length);
    expect(((await operations())[op] ?? 0) - before).toBe(3);
  });

  it("reads a subnet's CIDR once for a burst of address plans", async () => {
    const before = (await operations())['GET /v1/subnets/{id}'] ?? 0;
    const cidrs = await Promise.all(Array.from({ length: 5 }, () => cloud.client.vpc.subnetCidr(WORKLOAD)));
    expect(new Set(cidrs)).toEqual(new Set([SIM_DEFAULTS.workloadSubnet.cidr]));
    await cloud.client.vpc.subnetCidr(WORKLOAD);
    expect(((await operations())['GET /v1/subnets/{id}'] ?? 0) - before).toBeLessThanOrEqual(1);
  });
});

describe('VPC conventions (docs/reference/ibmcloud-api.md §1.6, §2)', () => {
  it('sends version and generation=2 on every VPC call', async () => {
    await cloud.client.vpc.getSubnet(MGMT);
    const { body } = await cloud.json('/control/requests');
    const last = body.requests.at(-1);
    expect(last.path).toBe(`/v1/subnets/${MGMT}`);
    expect(last.query.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(last.query.generation).toBe('2');
  });

  it('rejects calls without a version or generation with IBM error codes', async () => {
    const token = await cloudToken();
    const call = (qs: string) => fetch(`${cloud.sim.vpcUrl}/subnets/${MGMT}${qs}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect((await call('?generation=2')).body.errors[0].code).toBe('missing_version');
    expect((await call('?version=2026-03-24')).body.errors[0].code).toBe('missing_generation_parameter');
    expect((await call('?version=2099-01-01&generation=2')).body.errors[0].code).toBe('invalid_version_range');
    const bad = await call('?version=yesterday&generation=2');
    expect(bad.status).toBe(400);
    // Error shape: { errors: [{code, message, more_info, target}], trace } (docs/reference/ibmcloud-api.md §5.1)
    expect(bad.body.errors[0]).toMatchObject({ code: 'invalid_version', target: { name: 'version', type: 'parameter' } });
    expect(bad.body.errors[0].more_info).toContain('#invalid_version');
    expect(typeof bad.body.trace).toBe('string');
  });

  it('refuses API calls without an IAM bearer token (401 token_missing)', async () => {
    const res = await fetch(`${cloud.sim.vpcUrl}/subnets/${MGMT}?version=2026-03-24&generation=2`);
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].code).toBe('token_missing');
  });
});

describe('subnets and reserved IPs (docs/reference/ibmcloud-api.md §4.2, §4.3)', () => {
  it('reports the subnet CIDR and counts the five provider addresses as used', async () => {
    const subnet = await cloud.client.vpc.getSubnet(MGMT);
    expect(subnet).toMatchObject({ ipv4_cidr_block: '10.240.0.0/24', total_ipv4_address_count: 256, available_ipv4_address_count: 251, resource_type: 'subnet', status: 'available' });
    expect((await cloud.client.vpc.getSubnet(WORKLOAD)).ipv4_cidr_block).toBe('10.240.1.0/24');
  });

  it('reserves a chosen address, finds it by name and releases it', async () => {
    const ip = await cloud.client.vpc.reserveIp(MGMT, { name: 'node-a-mgmt', address: '10.240.0.10' });
    expect(ip).toMatchObject({ address: '10.240.0.10', name: 'node-a-mgmt', owner: 'user', auto_delete: false, resource_type: 'subnet_reserved_ip', lifecycle_state: 'stable' });
    expect((await cloud.client.vpc.getSubnet(MGMT)).available_ipv4_address_count).toBe(250);
    expect((await cloud.client.vpc.findReservedIpByName(MGMT, 'node-a-mgmt'))?.id).toBe(ip.id);
    expect((await cloud.client.vpc.getReservedIp(MGMT, ip.id)).address).toBe('10.240.0.10');
    expect(await cloud.client.vpc.releaseIp(MGMT, ip.id)).toBe(true);
    expect(await cloud.client.vpc.releaseIp(MGMT, ip.id)).toBe(false);
    await expect(cloud.client.vpc.getReservedIp(MGMT, ip.id)).rejects.toBeInstanceOf(CloudNotFoundError);
  });

  it('returns the existing reservation when the same name is reserved again (idempotent by name)', async () => {
    const first = await cloud.client.vpc.reserveIp(MGMT, { name: 'node-b-mgmt', address: '10.240.0.11' });
    const again = await cloud.client.vpc.reserveIp(MGMT, { name: 'node-b-mgmt', address: '10.240.0.11' });
    expect(again.id).toBe(first.id);
    expect((await cloud.inventory()).totals.reserved_ips).toBe(1);
  });

  it('refuses an address taken by someone else and a provider-owned address', async () => {
    await cloud.client.vpc.reserveIp(MGMT, { name: 'taken', address: '10.240.0.12' });
    const err = await cloud.client.vpc.reserveIp(MGMT, { name: 'other', address: '10.240.0.12' }).catch((e) => e);
    expect(err).toBeInstanceOf(CloudConflictError);
    expect(err.code).toBe('address_is_already_reserved');
    expect(err.trace).toBeTruthy();
    const gateway = await cloud.client.vpc.reserveIp(MGMT, { name: 'gw', address: '10.240.0.1' }).catch((e) => e);
    expect(gateway.code).toBe('address_is_already_reserved');
    const outside = await cloud.client.vpc.reserveIp(MGMT, { name: 'out', address: '10.240.1.9' }).catch((e) => e);
    expect(outside).toBeInstanceOf(CloudValidationError);
    expect(outside.code).toBe('validation_invalid_address');
  });

  it('follows pagination across pages and then runs out of addresses (subnet_out_of_ip_addresses)', async () => {
    for (let i = 0; i < 251; i++) await cloud.client.vpc.reserveIp(WORKLOAD, { name: `fill-${i}` });
    const all = await cloud.client.vpc.listReservedIps(WORKLOAD);
    expect(all).toHaveLength(256); // 251 user + 5 provider, over three pages of 100
    expect(all.filter((ip) => ip.owner === 'provider').map((ip) => ip.address)).toEqual(['10.240.1.0', '10.240.1.1', '10.240.1.2', '10.240.1.3', '10.240.1.255']);
    const { body } = await cloud.json('/control/requests');
    const pages = body.requests.filter((r: { path: string; method: string }) => r.method === 'GET' && r.path.endsWith('/reserved_ips'));
    expect(pages.length).toBe(3);
    expect(pages[1].query.start).toBeTruthy();
    const full = await cloud.client.vpc.reserveIp(WORKLOAD, { name: 'one-too-many' }).catch((e) => e);
    expect(full).toBeInstanceOf(CloudQuotaError);
    expect(full.code).toBe('subnet_out_of_ip_addresses');
    expect(full.retryable).toBe(false);
  });
});

describe('virtual network interfaces (docs/reference/ibmcloud-api.md §4.1)', () => {
  it('creates a VNI on a reserved IP, gets, lists, finds by name and deletes it', async () => {
    const ip = await cloud.client.vpc.reserveIp(MGMT, { name: 'vni-a-ip', address: '10.240.0.20' });
    const vni = await cloud.client.vpc.createVirtualNetworkInterface({
      name: 'vni-a', primary_ip: { id: ip.id }, allow_ip_spoofing: true, security_groups: [{ id: SIM_DEFAULTS.securityGroups.management.id }],
    });
    expect(vni).toMatchObject({ name: 'vni-a', resource_type: 'virtual_network_interface', allow_ip_spoofing: true, auto_delete: false, lifecycle_state: 'stable' });
    expect(vni.primary_ip).toMatchObject({ id: ip.id, address: '10.240.0.20' });
    expect(vni.subnet.id).toBe(MGMT);
    expect((await cloud.client.vpc.getVirtualNetworkInterface(vni.id)).mac_address).toMatch(/^02:00:/);
    expect((await cloud.client.vpc.listVirtualNetworkInterfaces()).map((v) => v.id)).toEqual([vni.id]);
    expect((await cloud.client.vpc.findVirtualNetworkInterfaceByName('vni-a'))?.id).toBe(vni.id);
    expect(await cloud.client.vpc.findVirtualNetworkInterfaceByName('nope')).toBeNull();
    expect((await cloud.client.vpc.getReservedIp(MGMT, ip.id)).target?.id).toBe(vni.id);
    expect(await cloud.client.vpc.deleteVirtualNetworkInterface(vni.id)).toBe(true);
    // The reserved IP was created with auto_delete false, so it survives, unbound.
    expect((await cloud.client.vpc.getReservedIp(MGMT, ip.id)).target).toBeUndefined();
    expect(await cloud.client.vpc.deleteVirtualNetworkInterface(vni.id)).toBe(false);
  });

  it('treats a second create with the same name as the same VNI (names unique per VPC)', async () => {
    const a = await cloud.client.vpc.createVirtualNetworkInterface({ name: 'vni-b', subnet: { id: WORKLOAD } });
    const b = await cloud.client.vpc.createVirtualNetworkInterface({ name: 'vni-b', subnet: { id: WORKLOAD } });
    expect(b.id).toBe(a.id);
    expect((await cloud.inventory()).totals.virtual_network_interfaces).toBe(1);
  });

  it('rejects invalid names with validation_invalid_name naming the field', async () => {
    const err = await cloud.client.vpc.createVirtualNetworkInterface({ name: 'ibm-reserved', subnet: { id: WORKLOAD } }).catch((e) => e);
    expect(err).toBeInstanceOf(CloudValidationError);
    expect(err.code).toBe('validation_invalid_name');
    expect(err.target).toMatchObject({ name: 'virtual_network_interface.name', type: 'field' });
  });
});

describe('VPC, images and profiles (docs/reference/ibmcloud-api.md §3.5, §3.6, §4.3)', () => {
  it('reads the VPC DNS resolvers', async () => {
    expect(await cloud.client.vpc.getVpcDnsResolvers(SIM_DEFAULTS.vpc.id)).toEqual(['161.26.0.10', '161.26.0.11']);
  });

  it('finds the public iPXE image by user_data_format=ipxe', async () => {
    const image = await cloud.client.vpc.findIpxeImage();
    expect(image).toMatchObject({ id: SIM_DEFAULTS.images.ipxe.id, name: 'ibm-ipxe-20240326-amd64-1', user_data_format: 'ipxe', status: 'available', visibility: 'public' });
    expect((await cloud.client.vpc.getImage(image!.id)).resource_type).toBe('image');
    expect((await cloud.client.vpc.listImages()).length).toBe(2);
    await expect(cloud.client.vpc.getImage('r006-missing')).rejects.toBeInstanceOf(CloudNotFoundError);
  });

  it('lists and gets bare metal profiles with polymorphic fields', async () => {
    const profiles = await cloud.client.vpc.listBareMetalServerProfiles();
    expect(profiles.map((p) => p.name)).toContain('cx3d-metal-48x128');
    const p = await cloud.client.vpc.getBareMetalServerProfile('cx3d-metal-48x128');
    expect(p).toMatchObject({ resource_type: 'bare_metal_server_profile', memory: { type: 'fixed', value: 128 }, cpu_core_count: { type: 'fixed', value: 24 } });
    expect(p.disks[1].quantity).toEqual({ type: 'fixed', value: 4 });
    await expect(cloud.client.vpc.getBareMetalServerProfile('zz-metal-1x1')).rejects.toBeInstanceOf(CloudNotFoundError);
  });
});

async function cloudToken() {
  const res = await fetch(`${cloud.sim.iamUrl}/identity/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: SIM_DEFAULTS.apiKey }),
  });
  return (await res.json()).access_token as string;
}
