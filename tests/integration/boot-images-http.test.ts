import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flushBootFetches } from '@/lib/boot/fetch-record';
import { listEvents } from '@/lib/status/timeline';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { startFastLaneServer } from '../helpers/fast-lane-server';

/**
 * /boot/images over real HTTP as lib/server/app-server.ts serves it (the fast lane): what goes on
 * the wire, which the route handler tests (boot-images.test.ts) cannot see. Through Next the
 * Content-Length was dropped and images went out chunked.
 */
const content = randomBytes(16 * 1024 * 1024);
let closeServer: () => Promise<void>;
let port: number;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(pathname: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http.request({ host: '127.0.0.1', port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

async function bootAssetEvents(nodeId: number) {
  await flushBootFetches();
  return (await listEvents({ nodeId })).filter((e) => e.phase === 'boot_asset');
}

beforeAll(async () => {
  const { imagesDir } = useBootEnvironment('http://10.0.2.100');
  writeFileSync(path.join(imagesDir, 'squashfs.img'), content);
  writeFileSync(path.join(path.dirname(imagesDir), 'outside-secret'), 'secret');
  ({ port, close: closeServer } = await startFastLaneServer());
});
afterAll(() => closeServer());
beforeEach(resetDatabase);

describe('GET|HEAD /boot/images/{file} on the wire', () => {
  it('sends the whole file with its Content-Length (not chunked) and records the download', async () => {
    const { node, token } = await bootableNode();
    // In parallel and one after another: the server reuses its read buffers between downloads.
    const [res, ...others] = await Promise.all([1, 2, 3].map(() => get(`/boot/images/squashfs.img?token=${token}`)));
    others.push(await get(`/boot/images/squashfs.img?token=${token}`));
    for (const other of others) expect(other.body.equals(content)).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(content.length));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(content)).toBe(true);
    const [event] = await bootAssetEvents(node.id);
    expect(event).toMatchObject({ status: 'completed' });
    expect(event.details).toMatchObject({ asset: 'squashfs.img', httpStatus: 200, bytes: content.length });
  });

  it('answers HEAD with the length and no body, a range as 206, past the end as 416, a name outside the folder as 404, no token as 403', async () => {
    const { token } = await bootableNode();
    const url = `/boot/images/squashfs.img?token=${token}`;
    const head = await get(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(content.length));
    expect(head.body.length).toBe(0);
    const range = await get(url, { headers: { range: 'bytes=1000-1999' } });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 1000-1999/${content.length}`);
    expect(range.headers['content-length']).toBe('1000');
    expect(range.body.equals(content.subarray(1000, 2000))).toBe(true);
    const past = await get(url, { headers: { range: `bytes=${content.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${content.length}`);
    for (const file of ['..%2Foutside-secret', '%2e%2e%2foutside-secret', '.hidden', 'missing.img']) {
      const res = await get(`/boot/images/${file}?token=${token}`);
      expect(res.status, file).toBe(404);
      expect(res.headers['content-type'], file).toBe('application/problem+json');
    }
    const refused = await get('/boot/images/squashfs.img');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toBe('application/problem+json');
  });

  it('records a download the node breaks off as cut off, with how far it got', async () => {
    const { node, token } = await bootableNode();
    await new Promise<void>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/boot/images/squashfs.img?token=${token}` }, (res) => {
        res.once('data', () => {
          res.destroy();
          resolve();
        });
      }).on('error', reject);
    });
    let events: Awaited<ReturnType<typeof bootAssetEvents>> = [];
    for (let i = 0; i < 50 && !events.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      events = await bootAssetEvents(node.id);
    }
    expect(events).toHaveLength(1);
    expect(events[0].status).toBe('failed');
    expect(events[0].message).toMatch(/^squashfs\.img download stopped after .* of 16\.0 MiB: the node closed the connection$/);
    expect((events[0].details as { bytes: number }).bytes).toBeLessThan(content.length);
  });
});
