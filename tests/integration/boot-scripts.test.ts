import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/boot/scripts/[name]/route';
import { flushBootFetches } from '@/lib/boot/fetch-record';
import { listEvents } from '@/lib/status/timeline';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';

const get = (name: string, token?: string) => GET(request(`/boot/scripts/${name}`, { token }), params({ name }));

describe('GET /boot/scripts/{name}', () => {
  beforeAll(() => useBootEnvironment('http://10.0.2.100'));
  beforeEach(resetDatabase);

  it("renders an installer script with the node's own values and records the fetch", async () => {
    const { node, token } = await bootableNode();
    const res = await get('foundation-init.sh', token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('#!/bin/sh')).toBe(true);
    expect(text).toContain(`NODE_TOKEN='${token}'`);
    expect(text).toContain(`CONFIG_URL='http://10.0.2.100/boot/server/${node.managementIp}'`);
    expect(text).toContain(`(CVM ${node.cvmIp}, AHV ${node.ahvIp})`);
    expect(text).not.toMatch(/\{\{/);
    await flushBootFetches();
    const [event] = (await listEvents({ nodeId: node.id })).filter((e) => e.phase === 'boot_asset');
    expect(event.details).toMatchObject({ asset: 'scripts/foundation-init.sh', httpStatus: 200 });
  });

  it('fills the network script from the management subnet facts', async () => {
    const { token } = await bootableNode({ managementIp: '10.240.0.40' });
    const text = await (await get('network-config.sh', token)).text();
    expect(text).toContain("NETMASK='255.255.255.0'");
    expect(text).toContain("GATEWAY='10.240.0.1'");
    expect(text).toContain("DNS_SERVERS='161.26.0.10,161.26.0.11'");
  });

  it('is 404 for unknown or path-like names and 403 without a valid token', async () => {
    const { token } = await bootableNode();
    expect((await get('nope.sh', token)).status).toBe(404);
    expect((await get('..%2F..%2Fpackage.json', token)).status).toBe(404);
    expect((await get('../ipxe-script.ts', token)).status).toBe(404);
    expect((await get('foundation-init.sh')).status).toBe(403);
    expect((await get('foundation-init.sh', 'nvn_forged')).status).toBe(403);
  });
});
