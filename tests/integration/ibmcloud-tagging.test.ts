import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { hasTag, listResourcesWithTag } from '@/lib/ibmcloud';
import { SIM_DEFAULTS } from '@/lib/ibmcloud/simulation-defaults';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { getInstallationId, getInstallationTag } from '@/lib/system/installation';
import { resetDatabase } from '../helpers/db';
import { drive, nodePlayer, testDeps, type Inventory } from '../helpers/provisioning';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());
beforeEach(async () => {
  await resetDatabase();
  await cloud.json('/control/reset', { method: 'POST' });
});

async function makeVni(name: string) {
  const subnetId = SIM_DEFAULTS.managementSubnet.id;
  const ip = await cloud.client.vpc.reserveIp(subnetId, { name: `${name}-ip` });
  return cloud.client.vpc.createVirtualNetworkInterface({ name, subnet: { id: subnetId }, primary_ip: { id: ip.id } });
}

describe('user tags (Global Tagging and Global Search, simulated)', () => {
  it('attaches a tag once, lists it on the resource, and finds the resource by it', async () => {
    const mine = await makeVni('tagged-vni');
    const other = await makeVni('other-vni');
    await cloud.client.tags.attachTags([mine.crn], ['nvo-installation:abc']);
    await cloud.client.tags.attachTags([mine.crn], ['nvo-installation:abc', 'env:test']);

    expect((await cloud.client.tags.listTags(mine.crn)).sort()).toEqual(['env:test', 'nvo-installation:abc']);
    expect(await hasTag(cloud.client, mine.crn, 'NVO-Installation:ABC')).toBe(true);
    expect(await hasTag(cloud.client, other.crn, 'nvo-installation:abc')).toBe(false);
    expect(await listResourcesWithTag(cloud.client, 'nvo-installation:abc')).toEqual([
      { crn: mine.crn, id: mine.id, name: 'tagged-vni', type: 'virtual-network-interface', tags: ['nvo-installation:abc', 'env:test'] },
    ]);
    const sent = (await cloud.json('/control/requests')).body.requests as { path: string; query: Record<string, string> }[];
    expect(sent.find((r) => r.path === '/tagging/v3/tags/attach')?.query.tag_type).toBe('user');
  });

  it('does not find a deleted resource, and refuses tags on unknown resources', async () => {
    const vni = await makeVni('short-lived');
    await cloud.client.tags.attachTags([vni.crn], ['nvo-installation:gone']);
    await cloud.client.vpc.deleteVirtualNetworkInterface(vni.id);
    expect(await listResourcesWithTag(cloud.client, 'nvo-installation:gone')).toEqual([]);
    await expect(cloud.client.tags.attachTags([vni.crn], ['x'])).rejects.toThrow(/tagging failed/);
  });

  it('keeps one installation id in the database and tags a provisioned node\'s server and VNIs with it', async () => {
    const id = await getInstallationId();
    expect((await db.installation.findUniqueOrThrow({ where: { id: 1 } })).installationId).toBe(id);
    const tag = await getInstallationTag();
    expect(tag).toBe(`nvo-installation:${id}`);

    const body = provisionRequestSchema.parse({ node_config: { node_name: 'tagged', server_profile: 'cx3d-metal-48x128' } });
    const result = await provisionNodes(body, { dryRun: false, requestedBy: 'test' }, testDeps(cloud));
    if (result.dry_run) throw new Error('expected a real run');
    const [{ node_id, deployment_id }] = result.accepted;
    await drive(deployment_id, testDeps(cloud), { tick: nodePlayer(node_id) });

    const inv = (await cloud.inventory()) as Inventory;
    expect(inv.bare_metal_servers.map((s) => [s.name, s.tags])).toEqual([['nvo-tagged', [tag]]]);
    expect(inv.virtual_network_interfaces.map((v) => [v.name, v.tags]).sort()).toEqual([['nvo-tagged-mgmt-vni', [tag]], ['nvo-tagged-workload-vni', [tag]]]);
    const found = await listResourcesWithTag(cloud.client, tag);
    expect(found.map((r) => r.name).sort()).toEqual(['nvo-tagged', 'nvo-tagged-mgmt-vni', 'nvo-tagged-workload-vni']);
  });
});
