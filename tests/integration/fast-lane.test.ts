import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAST_ROUTES } from '@/app/fast-lane';
import { GET as bootConfig } from '@/app/boot/config/route';
import { db } from '@/lib/db/client';
import { matchFastRoute } from '@/lib/server/fast-lane';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { startFastLaneServer } from '../helpers/fast-lane-server';
import { request } from '../helpers/request';

/**
 * The server's fast lane (lib/server/fast-lane.ts) over real HTTP, as lib/server/app-server.ts
 * mounts it: the hot routes answer exactly what their route handlers answer through Next.
 */
let closeServer: () => Promise<void>;
let base: string;

beforeAll(async () => {
  useBootEnvironment('http://10.0.2.100');
  ({ base, close: closeServer } = await startFastLaneServer());
});
afterAll(() => closeServer());
beforeEach(resetDatabase);

describe('fast lane', () => {
  it('matches only its routes, by method and exact path', () => {
    expect(matchFastRoute(FAST_ROUTES, 'GET', '/boot/config?node_id=1')?.route.pattern.source).toContain('config');
    expect(matchFastRoute(FAST_ROUTES, 'POST', '/boot/config')).toBeNull();
    expect(matchFastRoute(FAST_ROUTES, 'GET', '/boot/config/')).toBeNull();
    expect(matchFastRoute(FAST_ROUTES, 'GET', '/boot/server/10.0.0.1')?.params).toEqual({ ip: '10.0.0.1' });
    expect(matchFastRoute(FAST_ROUTES, 'GET', '/boot/server/%E0%A4%A')).toBeNull();
    expect(matchFastRoute(FAST_ROUTES, 'GET', '/api/status/phase')).toBeNull();
  });

  it('serves /boot/config as the route handler does, in one response with its length', async () => {
    const { node, token } = await bootableNode();
    const url = `/boot/config?node_id=${node.id}&token=${token}`;
    const res = await fetch(base + url);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-boot-decision')).toBe('install');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const direct = await (await bootConfig(request(url))).text();
    expect(text).toBe(direct);
  });

  it('answers a request whose Host header is not a host name (handlers read only path and query)', async () => {
    const { node, token } = await bootableNode();
    const status = await new Promise<number>((resolve, reject) => {
      http.get(`${base}/boot/config?node_id=${node.id}&token=${token}`, { headers: { host: 'not a host/../x' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('takes a phase callback with the node token, committed when acknowledged, with the headers proxy.ts adds to /api', async () => {
    const { node, token } = await bootableNode();
    const res = await fetch(`${base}/api/status/phase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'booting' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).recorded).toBe(true);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await db.deploymentEvent.count({ where: { nodeId: node.id, phase: 'ipxe_boot', status: 'started' } })).toBe(1);
  });

  it('answers problem+json for a bad token, malformed JSON and a body over the limit', async () => {
    const { node, token } = await bootableNode();
    const post = (body: string, auth = token) => fetch(`${base}/api/status/phase`, {
      method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body,
    });
    const refused = await post('{}', 'nvn_not-a-token');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const malformed = await post('{"server_ip":');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors[0].field).toBe('(body)');
    const huge = await post(JSON.stringify({ server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
  });
});
