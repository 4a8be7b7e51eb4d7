import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createCloudClient } from '@/lib/ibmcloud/client';
import { CloudError, CloudNotFoundError } from '@/lib/ibmcloud/errors';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

const MGMT = SIM_DEFAULTS.managementSubnet.id;
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
  await cloud.setFaults({ rate429: 0, rate500: 0, queue: [] });
});

const subnetGets = async () =>
  ((await cloud.json('/control/requests')).body.requests as { method: string; path: string }[]).filter((r) => r.path === `/v1/subnets/${MGMT}`).length;

describe('retries (docs/reference/ibmcloud-api.md §1.5, §5.2, §5.3)', () => {
  it('waits for Retry-After on a 429 rate_limit_exceeded, then succeeds', async () => {
    await cloud.setFaults({ queue: [{ status: 429, retryAfter: 1, pathIncludes: '/subnets/' }] });
    const before = await subnetGets();
    const started = Date.now();
    const subnet = await cloud.client.vpc.getSubnet(MGMT);
    expect(subnet.id).toBe(MGMT);
    // The client's own backoff is ~20 ms in tests; only Retry-After explains a one-second wait.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await subnetGets()) - before).toBe(2);
  });

  it('retries 500 and 503 with backoff until the call succeeds', async () => {
    await cloud.setFaults({ queue: [{ status: 500, pathIncludes: '/subnets/' }, { status: 503, pathIncludes: '/subnets/' }] });
    const before = await subnetGets();
    await cloud.client.vpc.getSubnet(MGMT);
    expect((await subnetGets()) - before).toBe(3);
  });

  it('gives up after the retry budget with a retryable CloudError carrying the trace', async () => {
    await cloud.setFaults({ queue: Array.from({ length: 5 }, () => ({ status: 502 as const, pathIncludes: '/subnets/' })) });
    const err = await cloud.client.vpc.getSubnet(MGMT).catch((e) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ status: 502, code: 'internal_error', kind: 'server', retryable: true });
    expect(err.trace).toMatch(/[0-9a-f-]{36}/);
  });

  it('does not retry permanent errors (404 not_found)', async () => {
    const before = (await cloud.json('/control/requests')).body.requests.length;
    const err = await cloud.client.vpc.getSubnet('0717-missing').catch((e) => e);
    expect(err).toBeInstanceOf(CloudNotFoundError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', retryable: false });
    expect((await cloud.json('/control/requests')).body.requests.length - before).toBe(1);
  });

  it('survives a steady 30% fault rate on a paginated list', async () => {
    for (let i = 0; i < 20; i++) await cloud.client.vpc.reserveIp(MGMT, { name: `steady-${i}` });
    await cloud.setFaults({ rate429: 0.15, rate500: 0.15 });
    const client = createCloudClient(cloud.config, { retry: { maxRetries: 10, baseDelayMs: 5, maxDelayMs: 20 } });
    expect((await client.vpc.listReservedIps(MGMT)).length).toBe(25);
  });

  it('turns a connection failure into a retryable network error', async () => {
    const config = loadConfig({ IBMCLOUD_IAM_URL: cloud.sim.iamUrl, IBMCLOUD_VPC_URL: 'http://127.0.0.1:9/v1', IBMCLOUD_DNS_URL: cloud.sim.dnsUrl });
    const client = createCloudClient(config, { retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 } });
    const err = await client.vpc.getSubnet(MGMT).catch((e) => e);
    expect(err).toMatchObject({ kind: 'network', status: null, retryable: true });
  });
});

describe('IAM (docs/reference/ibmcloud-api.md §1.1, §1.2, §8)', () => {
  it('issues JWT-shaped tokens with iat, exp, expires_in and expiration', async () => {
    const res = await fetch(`${cloud.sim.iamUrl}/identity/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: SIM_DEFAULTS.apiKey, response_type: 'cloud_iam' }),
    });
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(3600);
    expect(body.expiration).toBe(claims.exp);
  });

  it('answers an unknown API key with 400 BXNIM0415E, surfaced as an auth CloudError', async () => {
    const config = loadConfig({ IBMCLOUD_IAM_URL: cloud.sim.iamUrl, IBMCLOUD_VPC_URL: cloud.sim.vpcUrl, IBMCLOUD_DNS_URL: cloud.sim.dnsUrl, IBMCLOUD_API_KEY: 'wrong-key', VPC_ID: 'v', RESOURCE_GROUP_ID: 'r', MANAGEMENT_SUBNET_ID: MGMT, WORKLOAD_SUBNET_ID: 'w', SSH_KEY_ID: 'k', IPXE_IMAGE_ID: 'i', DNS_INSTANCE_ID: 'd', DNS_ZONE_ID: 'z', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
    const err = await createCloudClient(config).vpc.getSubnet(MGMT).catch((e) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err.code).toBe('BXNIM0415E');
    expect(err.retryable).toBe(false);
    expect(JSON.stringify(err)).not.toContain('wrong-key');
    expect(err.message).not.toContain('wrong-key');
  });
});

describe('simulator state and inventory', () => {
  it('lists every created resource in the inventory and nothing after cleanup', async () => {
    const ip = await cloud.client.vpc.reserveIp(MGMT, { name: 'inv-ip' });
    const a = await cloud.client.dns.createARecord({ name: 'inv', ip: ip.address });
    let inv = await cloud.inventory();
    expect(inv.totals).toEqual({ bare_metal_servers: 0, virtual_network_interfaces: 0, reserved_ips: 1, dns_records: 1 });
    expect(inv.fixtures.subnets.map((s: { cidr: string }) => s.cidr)).toEqual(['10.240.0.0/24', '10.240.1.0/24']);
    await cloud.client.dns.deleteResourceRecord(a.id);
    await cloud.client.vpc.releaseIp(MGMT, ip.id);
    inv = await cloud.inventory();
    expect(inv.totals).toEqual({ bare_metal_servers: 0, virtual_network_interfaces: 0, reserved_ips: 0, dns_records: 0 });
  });

  it('persists state to a JSON file and restores it after a restart, tokens included', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-sim-'));
    try {
      const stateFile = path.join(dir, 'simulator', 'state.json');
      const first = await startTestCloud({ stateFile });
      const ip = await first.client.vpc.reserveIp(MGMT, { name: 'persisted', address: '10.240.0.33' });
      await first.close();
      expect(JSON.parse(await readFile(stateFile, 'utf8')).reservedIps[0].address).toBe('10.240.0.33');
      const second = await startTestCloud({ stateFile });
      try {
        expect((await second.client.vpc.getReservedIp(MGMT, ip.id)).name).toBe('persisted');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
