import { beforeEach, describe, expect, it } from 'vitest';
import { DELETE as deleteUser, PATCH as patchUser } from '@/app/api/users/[id]/route';
import { GET as listUsers, POST as createUser } from '@/app/api/users/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

describe('users API', () => {
  beforeEach(resetDatabase);

  it('creates a user with a role, never returning the password hash, and audits it', async () => {
    const admin = await userWithToken('admin');
    const res = await createUser(request('/api/users', { token: admin.token, body: { email: 'Ops@Example.test', role: 'operator', password: 'long enough password' } }));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ email: 'ops@example.test', role: 'operator', disabled: false, hasPassword: true });
    expect(created).not.toHaveProperty('passwordHash');
    const list = await (await listUsers(request('/api/users', { token: admin.token }))).json();
    expect(list.users.map((u: { email: string }) => u.email)).toContain('ops@example.test');
    expect(await db.auditLog.count({ where: { action: 'user.create', targetId: created.id } })).toBe(1);
  });

  it('answers 409 for a duplicate email and 422 naming bad fields', async () => {
    const admin = await userWithToken('admin');
    const dup = await createUser(request('/api/users', { token: admin.token, body: { email: admin.user.email } }));
    expect(dup.status).toBe(409);
    const bad = await createUser(request('/api/users', { token: admin.token, body: { email: 'nope', role: 'root', password: 'short' } }));
    expect(bad.status).toBe(422);
    const fields = (await bad.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'password']));
  });

  it('changes a role and records before/after', async () => {
    const admin = await userWithToken('admin');
    const viewer = await userWithToken('viewer');
    const res = await patchUser(request(`/api/users/${viewer.user.id}`, { method: 'PATCH', token: admin.token, body: { role: 'operator' } }), params({ id: viewer.user.id }));
    expect(res.status).toBe(200);
    expect((await res.json()).role).toBe('operator');
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'user.update' } });
    expect(entry).toMatchObject({ before: { role: 'viewer' }, after: { role: 'operator' } });
  });

  it('never demotes, disables or deletes the last enabled admin', async () => {
    const admin = await userWithToken('admin');
    const id = admin.user.id;
    for (const body of [{ role: 'operator' }, { disabled: true }]) {
      const res = await patchUser(request(`/api/users/${id}`, { method: 'PATCH', token: admin.token, body }), params({ id }));
      expect(res.status).toBe(409);
    }
    expect((await deleteUser(request(`/api/users/${id}`, { method: 'DELETE', token: admin.token }), params({ id }))).status).toBe(409);
    const second = await userWithToken('admin');
    const res = await patchUser(request(`/api/users/${id}`, { method: 'PATCH', token: second.token, body: { role: 'viewer' } }), params({ id }));
    expect(res.status).toBe(200);
  });

  it('lets only one of two concurrent demotions of the last two admins through', async () => {
    const a = await userWithToken('admin');
    const b = await userWithToken('admin');
    const demote = (target: string, token: string) =>
      patchUser(request(`/api/users/${target}`, { method: 'PATCH', token, body: { role: 'viewer' } }), params({ id: target }));
    const statuses = (await Promise.all([demote(a.user.id, b.token), demote(b.user.id, a.token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('deletes a user (their tokens go with them) and 404s an unknown id', async () => {
    const admin = await userWithToken('admin');
    const viewer = await userWithToken('viewer');
    const res = await deleteUser(request(`/api/users/${viewer.user.id}`, { method: 'DELETE', token: admin.token }), params({ id: viewer.user.id }));
    expect(res.status).toBe(204);
    expect(await db.apiToken.count({ where: { userId: viewer.user.id } })).toBe(0);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await deleteUser(request(`/api/users/${missing}`, { method: 'DELETE', token: admin.token }), params({ id: missing }))).status).toBe(404);
    expect((await deleteUser(request('/api/users/x', { method: 'DELETE', token: admin.token }), params({ id: 'x' }))).status).toBe(422);
  });
});
