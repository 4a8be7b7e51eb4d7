import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELETE as deleteRecord, GET as getRecord } from '@/app/api/dns/records/[name]/route';
import { GET as listRecords, POST as createRecord } from '@/app/api/dns/records/route';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';
import { provisionUntilRunning } from '../helpers/cleanup-seed';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { startTestCloud, type TestCloud } from '../helpers/simulator';
import { userWithToken } from '../helpers/users';

let cloud: TestCloud;
const saved = { ...process.env };

describe('/api/dns/records', () => {
  let operator: string;
  let viewer: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    Object.assign(process.env, { IBMCLOUD_IAM_URL: cloud.sim.iamUrl, IBMCLOUD_VPC_URL: cloud.sim.vpcUrl, IBMCLOUD_DNS_URL: cloud.sim.dnsUrl });
    resetConfigForTests();
  });
  afterAll(async () => {
    process.env = saved;
    resetConfigForTests();
    await cloud?.close();
  });
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
    ({ token: operator } = await userWithToken('operator'));
    ({ token: viewer } = await userWithToken('viewer'));
  });

  const dnsNames = async () => ((await cloud.inventory()).dns_records as { name: string }[]).map((r) => r.name).sort();

  it('creates, reads and deletes manual A and PTR records in the zone, audited', async () => {
    const a = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: 'bastion', record_type: 'A', value: '10.240.0.5' } }));
    expect(a.status).toBe(201);
    expect((await a.json()).record).toMatchObject({ name: 'bastion', fqdn: 'bastion.nutanix-ce-poc.cloud', type: 'A', owner: 'manual' });
    const ptr = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: '10.240.0.5', record_type: 'PTR', value: 'bastion', ttl: 600 } }));
    expect(ptr.status).toBe(201);
    expect(await dnsNames()).toEqual(['5.0.240.10.in-addr.arpa', 'bastion.nutanix-ce-poc.cloud']);

    const got = await (await getRecord(request('/api/dns/records/bastion.nutanix-ce-poc.cloud', { token: viewer }), params({ name: 'bastion.nutanix-ce-poc.cloud' }))).json();
    expect(got.records).toMatchObject([{ name: 'bastion', rdata: '10.240.0.5' }]);
    const list = await (await listRecords(request('/api/dns/records?owner=manual', { token: viewer }))).json();
    expect(list.count).toBe(2);

    const dup = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: 'bastion', record_type: 'A', value: '10.240.0.6' } }));
    expect(dup.status).toBe(409);

    expect((await deleteRecord(request('/api/dns/records/10.240.0.5', { method: 'DELETE', token: operator }), params({ name: '10.240.0.5' }))).status).toBe(200);
    expect((await deleteRecord(request('/api/dns/records/bastion', { method: 'DELETE', token: operator }), params({ name: 'bastion' }))).status).toBe(200);
    expect(await dnsNames()).toEqual([]);
    expect(await db.auditLog.count({ where: { action: { startsWith: 'dns.record.' } } })).toBe(4);
    expect((await getRecord(request('/api/dns/records/bastion', { token: viewer }), params({ name: 'bastion' }))).status).toBe(404);
  });

  it('validates input per field and keeps viewers read-only', async () => {
    const bad = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: 'x', record_type: 'A', value: 'not-an-ip' } }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([{ field: 'value', message: 'an A record needs an IPv4 address' }]);
    const badType = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: 'x', record_type: 'MX', value: '10.0.0.1' } }));
    expect((await badType.json()).errors[0].field).toBe('record_type');
    const badTtl = await createRecord(request('/api/dns/records', { token: operator, body: { record_name: 'x', record_type: 'A', value: '10.0.0.1', ttl: 5 } }));
    expect((await badTtl.json()).errors[0].field).toBe('ttl');
    const viewerTry = await createRecord(request('/api/dns/records', { token: viewer, body: { record_name: 'x', record_type: 'A', value: '10.0.0.1' } }));
    expect(viewerTry.status).toBe(403);
  });

  it('lists node records with their owner and refuses to delete them one by one', async () => {
    const { node } = await provisionUntilRunning(cloud, 'dns-node');
    const list = await (await listRecords(request('/api/dns/records?owner=node', { token: viewer }))).json();
    expect(list.count).toBe(8);
    expect(list.records.every((r: { node: { name: string } }) => r.node.name === 'dns-node')).toBe(true);
    const refused = await deleteRecord(request('/api/dns/records/dns-node-mgmt', { method: 'DELETE', token: operator }), params({ name: 'dns-node-mgmt' }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toContain('node dns-node');
    expect(await db.dnsRecord.count({ where: { nodeId: node.id } })).toBe(8);
  });
});
