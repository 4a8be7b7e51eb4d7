import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELETE } from '@/app/api/boot-images/[name]/route';
import { GET, POST } from '@/app/api/boot-images/route';
import { db } from '@/lib/db/client';
import { useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

const KERNEL = Buffer.from('a small test kernel');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('boot image catalogue API', () => {
  let imagesDir: string;
  let admin: string;

  beforeAll(() => {
    ({ imagesDir } = useBootEnvironment());
    writeFileSync(path.join(imagesDir, 'kernel'), KERNEL);
    writeFileSync(path.join(imagesDir, 'extra.iso'), 'iso');
  });

  beforeEach(async () => {
    await resetDatabase();
    ({ token: admin } = await userWithToken('admin'));
  });

  it('registers a file with its size and SHA-256 and audits it', async () => {
    const res = await POST(request('/api/boot-images', { token: admin, body: { name: 'kernel', kind: 'kernel' } }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'kernel', size: KERNEL.length, sha256: sha(KERNEL) });
    expect(await db.auditLog.count({ where: { action: 'boot_image.register', targetId: 'kernel' } })).toBe(1);
  });

  it('lists registered, unregistered and missing images', async () => {
    await POST(request('/api/boot-images', { token: admin, body: { name: 'kernel', kind: 'kernel' } }));
    const { images } = await (await GET(request('/api/boot-images', { token: admin }))).json();
    const byName = Object.fromEntries(images.map((i: { name: string }) => [i.name, i]));
    expect(byName.kernel).toMatchObject({ state: 'ok', registered: true, required: true });
    expect(byName['extra.iso']).toMatchObject({ state: 'unregistered', registered: false, required: false });
    expect(byName['initrd-vpc.img']).toMatchObject({ state: 'missing', required: true, kind: 'initrd' });
    expect(byName['squashfs.img']).toMatchObject({ state: 'missing' });
  });

  it('refuses a file that is not there or does not match the given checksum, naming the field', async () => {
    const missing = await POST(request('/api/boot-images', { token: admin, body: { name: 'nope.img', kind: 'other' } }));
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors[0].field).toBe('name');
    const wrong = await POST(request('/api/boot-images', { token: admin, body: { name: 'kernel', kind: 'kernel', sha256: '0'.repeat(64) } }));
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors[0].field).toBe('sha256');
    const traversal = await POST(request('/api/boot-images', { token: admin, body: { name: '../etc/passwd', kind: 'other' } }));
    expect(traversal.status).toBe(422);
  });

  it('deletes a catalogue entry and 404s an unknown one', async () => {
    await POST(request('/api/boot-images', { token: admin, body: { name: 'kernel', kind: 'kernel' } }));
    expect((await DELETE(request('/api/boot-images/kernel', { token: admin, method: 'DELETE' }), params({ name: 'kernel' }))).status).toBe(204);
    expect((await DELETE(request('/api/boot-images/kernel', { token: admin, method: 'DELETE' }), params({ name: 'kernel' }))).status).toBe(404);
  });

  it('is for admins only', async () => {
    const { token: operator } = await userWithToken('operator');
    expect((await GET(request('/api/boot-images', { token: operator }))).status).toBe(403);
    expect((await GET(request('/api/boot-images'))).status).toBe(401);
  });
});
