import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudConflictError, CloudNotFoundError, CloudValidationError } from '@/lib/ibmcloud/errors';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
});

const requests = async () => (await cloud.json('/control/requests')).body.requests as { method: string; path: string; query: Record<string, string>; body: unknown }[];

describe('DNS Services resource records (docs/reference/ibmcloud-api.md §6)', () => {
  it('is bound to the configured instance and zone, with zone ids shaped <name>:<uuid>', () => {
    expect(cloud.client.dns.instanceId).toBe(SIM_DEFAULTS.dns.instanceId);
    expect(cloud.client.dns.zoneId).toBe(`nutanix-ce-poc.cloud:${SIM_DEFAULTS.dns.zoneUuid}`);
  });

  it('creates an A record with a relative name; the service answers 200 and stores the FQDN', async () => {
    const a = await cloud.client.dns.createARecord({ name: 'node-1-mgmt', ip: '10.240.0.10', ttl: 300 });
    expect(a).toMatchObject({ type: 'A', name: 'node-1-mgmt.nutanix-ce-poc.cloud', ttl: 300, rdata: { ip: '10.240.0.10' } });
    expect(a.id).toMatch(/^A:/);
    const post = (await requests()).find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/dns/v1/instances/${SIM_DEFAULTS.dns.instanceId}/dnszones/${encodeURIComponent(cloud.client.dns.zoneId)}/resource_records`);
    expect(post.body).toEqual({ type: 'A', name: 'node-1-mgmt.nutanix-ce-poc.cloud', rdata: { ip: '10.240.0.10' }, ttl: 300 });
    expect(post.query).not.toHaveProperty('version'); // DNS Services takes no version parameter
    // Raw wire check: create answers 200, not 201.
    const raw = await cloud.json(`/dns/v1/instances/${SIM_DEFAULTS.dns.instanceId}/dnszones/${cloud.client.dns.zoneId}/resource_records`, {
      method: 'POST', headers: { authorization: `Bearer ${await token()}` }, body: JSON.stringify({ type: 'A', name: 'raw', rdata: { ip: '10.240.0.99' } }),
    });
    expect(raw.status).toBe(200);
  });

  it('looks a record up before creating it, unless the caller has just looked (lookedUp)', async () => {
    const mentioning = async (text: string) =>
      (await requests()).filter((r) => JSON.stringify(r.query).includes(text) || JSON.stringify(r.body ?? '').includes(text)).map((r) => r.method);
    await cloud.client.dns.createARecord({ name: 'looked-1', ip: '10.240.0.21' });
    expect(await mentioning('looked-1')).toEqual(['GET', 'POST']);
    await cloud.client.dns.createARecord({ name: 'looked-2', ip: '10.240.0.22' }, { lookedUp: true });
    await cloud.client.dns.createPtrRecord({ ip: '10.240.0.22', ptrdname: 'looked-2' }, { lookedUp: true });
    expect(await mentioning('looked-2')).toEqual(['POST', 'POST']);
    expect(await mentioning('22.0.240.10')).toEqual([]);
  });

  it('creates the PTR in the same zone, named by the reversed IP (docs/reference/ibmcloud-api.md §6.3)', async () => {
    await cloud.client.dns.createARecord({ name: 'node-2-mgmt', ip: '10.240.0.11' });
    const ptr = await cloud.client.dns.createPtrRecord({ ip: '10.240.0.11', ptrdname: 'node-2-mgmt' });
    expect(ptr).toMatchObject({ type: 'PTR', name: '11.0.240.10.in-addr.arpa', rdata: { ptrdname: 'node-2-mgmt.nutanix-ce-poc.cloud' } });
    expect(ptr.id).toMatch(/^PTR:/);
    expect((await cloud.client.dns.getResourceRecord(ptr.id)).name).toBe('11.0.240.10.in-addr.arpa');
  });

  it('refuses a PTR without its A record', async () => {
    const err = await cloud.client.dns.createPtrRecord({ ip: '10.240.0.12', ptrdname: 'nobody' }).catch((e) => e);
    expect(err).toBeInstanceOf(CloudValidationError);
    expect(err.target?.name).toBe('rdata.ptrdname');
  });

  it('does not duplicate records on a repeated create (idempotent by type + name + value)', async () => {
    const a1 = await cloud.client.dns.createARecord({ name: 'node-3', ip: '10.240.0.13' });
    const a2 = await cloud.client.dns.createARecord({ name: 'node-3', ip: '10.240.0.13' });
    const p1 = await cloud.client.dns.createPtrRecord({ ip: '10.240.0.13', ptrdname: 'node-3' });
    const p2 = await cloud.client.dns.createPtrRecord({ ip: '10.240.0.13', ptrdname: 'node-3.nutanix-ce-poc.cloud' });
    expect(a2.id).toBe(a1.id);
    expect(p2.id).toBe(p1.id);
    expect((await cloud.inventory()).totals.dns_records).toBe(2);
  });

  it('filters by type and name and follows offset pagination past 100 records', async () => {
    for (let i = 0; i < 130; i++) await cloud.client.dns.createARecord({ name: `bulk-${i}`, ip: `10.240.1.${i + 4}` });
    const all = await cloud.client.dns.listResourceRecords({ type: 'A' });
    expect(all).toHaveLength(130);
    const lists = (await requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/resource_records') && r.query.type === 'A' && !r.query.name);
    expect(lists.map((r) => r.query.offset)).toEqual(['0', '100']);
    const one = await cloud.client.dns.listResourceRecords({ type: 'A', name: 'bulk-7.nutanix-ce-poc.cloud' });
    expect(one.map((r) => r.rdata.ip)).toEqual(['10.240.1.11']);
  });

  it('deletes the PTR before its A record; the A delete is refused while the PTR exists', async () => {
    const a = await cloud.client.dns.createARecord({ name: 'node-4', ip: '10.240.0.14' });
    const ptr = await cloud.client.dns.createPtrRecord({ ip: '10.240.0.14', ptrdname: 'node-4' });
    await expect(cloud.client.dns.deleteResourceRecord(a.id)).rejects.toBeInstanceOf(CloudConflictError);
    expect(await cloud.client.dns.deleteResourceRecord(ptr.id)).toBe(true);
    expect(await cloud.client.dns.deleteResourceRecord(a.id)).toBe(true);
    expect(await cloud.client.dns.deleteResourceRecord(a.id)).toBe(false);
    await expect(cloud.client.dns.getResourceRecord(a.id)).rejects.toBeInstanceOf(CloudNotFoundError);
  });
});

async function token() {
  const res = await fetch(`${cloud.sim.iamUrl}/identity/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: SIM_DEFAULTS.apiKey }),
  });
  return (await res.json()).access_token as string;
}
