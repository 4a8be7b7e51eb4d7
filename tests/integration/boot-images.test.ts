import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET, HEAD } from '@/app/boot/images/[file]/route';
import { listEvents } from '@/lib/status/timeline';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';

const content = randomBytes(300_000);

async function bytesOf(res: Response) {
  return Buffer.from(await res.arrayBuffer());
}

async function waitForEvents(nodeId: number, count: number) {
  for (let i = 0; i < 50; i += 1) {
    const events = (await listEvents({ nodeId })).filter((e) => e.phase === 'boot_asset');
    if (events.length >= count) return events;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (await listEvents({ nodeId })).filter((e) => e.phase === 'boot_asset');
}

describe('GET|HEAD /boot/images/{file}', () => {
  let token: string;
  let nodeId: number;
  const get = (file: string, headers: Record<string, string> = {}, t: string | null = token) =>
    GET(request(`/boot/images/${encodeURIComponent(file)}`, { token: t ?? undefined, headers }), params({ file }));

  beforeAll(() => {
    const { imagesDir } = useBootEnvironment();
    writeFileSync(path.join(imagesDir, 'kernel'), content);
    writeFileSync(path.join(imagesDir, 'empty.img'), '');
    mkdirSync(path.join(imagesDir, 'subdir'));
    writeFileSync(path.join(path.dirname(imagesDir), 'outside-secret'), 'secret');
    symlinkSync('kernel', path.join(imagesDir, 'initrd-vpc.img'));
  });

  beforeEach(async () => {
    await resetDatabase();
    ({ token, node: { id: nodeId } } = await bootableNode());
  });

  it('streams the whole file with length, validators and Accept-Ranges', async () => {
    const res = await get('kernel');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(content.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect((await bytesOf(res)).equals(content)).toBe(true);
  });

  it('records the download with its size in the node timeline', async () => {
    await bytesOf(await get('kernel'));
    const [event] = await waitForEvents(nodeId, 1);
    expect(event).toMatchObject({ status: 'completed', source: 'node' });
    expect(event.details).toMatchObject({ asset: 'kernel', httpStatus: 200, bytes: content.length });
  });

  it('answers HEAD with the headers only', async () => {
    const res = await HEAD(request('/boot/images/kernel', { token, method: 'HEAD' }), params({ file: 'kernel' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(content.length));
    expect(res.body).toBeNull();
  });

  it('serves a single range as 206 so that an interrupted download resumes', async () => {
    const res = await get('kernel', { range: 'bytes=100000-' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100000-${content.length - 1}/${content.length}`);
    expect(res.headers.get('content-length')).toBe(String(content.length - 100000));
    expect((await bytesOf(res)).equals(content.subarray(100000))).toBe(true);
    const suffix = await get('kernel', { range: 'bytes=-10' });
    expect((await bytesOf(suffix)).equals(content.subarray(content.length - 10))).toBe(true);
  });

  it('is 416 for a range past the end', async () => {
    const res = await get('kernel', { range: `bytes=${content.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${content.length}`);
  });

  it('answers 304 to If-None-Match and If-Modified-Since with the current validators', async () => {
    const first = await get('kernel');
    await first.body?.cancel();
    const etag = first.headers.get('etag')!;
    expect((await get('kernel', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('kernel', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get('kernel', { 'if-none-match': '"stale"' })).status).toBe(200);
    expect((await get('kernel', { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
  });

  it('ignores the Range when If-Range names an older version', async () => {
    const res = await get('kernel', { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });

  it('follows a symlink the operator placed (initrd-vpc.img → rebuilt initrd)', async () => {
    expect((await bytesOf(await get('initrd-vpc.img'))).equals(content)).toBe(true);
  });

  it.each(['../outside-secret', '..%2Foutside-secret', '%2e%2e%2foutside-secret', 'subdir', '.hidden', 'a\0b', 'missing.img'])(
    'cannot be used to read %j',
    async (file) => {
      const res = await get(file);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    },
  );

  it('requires a valid node token and closes once the node is deployed', async () => {
    expect((await get('kernel', {}, null)).status).toBe(403);
    expect((await get('kernel', {}, 'nvn_nope')).status).toBe(403);
    const deployed = await bootableNode({ status: 'deployed' });
    expect((await get('kernel', {}, deployed.token)).status).toBe(403);
  });

  it('serves an empty file with length 0', async () => {
    const res = await get('empty.img');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
  });
});
