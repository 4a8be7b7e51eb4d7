import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as info } from '@/app/api/info/route';
import { POST as createToken } from '@/app/api/tokens/route';
import { PATCH as patchUser } from '@/app/api/users/[id]/route';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { basicAuth, sessionCookie } from '../helpers/session';
import { userWithToken } from '../helpers/users';

const PASSWORD = 'correct horse battery';
const ORIGIN = { origin: 'http://localhost:3000' };
const mint = (init: Parameters<typeof request>[1]) => createToken(request('/api/tokens', { method: 'POST', ...init }));

describe('token lifetimes and session ends', () => {
  beforeEach(resetDatabase);
  afterEach(() => {
    delete process.env.API_TOKEN_MAX_TTL_DAYS;
    resetConfigForTests();
  });

  it('lets only an admin mint a token with a Bearer token; sessions and HTTP Basic mint for anyone', async () => {
    const { user, token } = await userWithToken('operator');
    const byToken = await mint({ token, body: { name: 'child' } });
    expect(byToken.status).toBe(403);
    expect((await mint({ headers: { authorization: basicAuth(user.email, PASSWORD) }, body: { name: 'b' } })).status).toBe(201);
    expect((await mint({ headers: { cookie: await sessionCookie(user.id), ...ORIGIN }, body: { name: 's' } })).status).toBe(201);
    const admin = await userWithToken('admin');
    const child = await mint({ token: admin.token, body: { name: 'child' } });
    expect(child.status).toBe(201);
    // Named no lifetime: capped at the minting token's own expiry (userWithToken: one day).
    const parent = await db.apiToken.findFirstOrThrow({ where: { userId: admin.user.id, name: 'test' } });
    expect(new Date((await child.json()).expiresAt).getTime()).toBeLessThanOrEqual(parent.expiresAt!.getTime());
  });

  it('caps lifetimes at API_TOKEN_MAX_TTL_DAYS (90 by default) with a 422 naming expiresInDays', async () => {
    const { user } = await userWithToken('viewer');
    const basic = { authorization: basicAuth(user.email, PASSWORD) };
    const tooLong = await mint({ headers: basic, body: { name: 'x', expiresInDays: 91 } });
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).errors).toEqual([expect.objectContaining({ field: 'expiresInDays', message: expect.stringContaining('90') })]);
    const ok = await mint({ headers: basic, body: { name: 'x', expiresInDays: 90 } });
    expect(ok.status).toBe(201);
    const days = (new Date((await ok.json()).expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    process.env.API_TOKEN_MAX_TTL_DAYS = '7';
    resetConfigForTests();
    expect((await mint({ headers: basic, body: { name: 'x', expiresInDays: 8 } })).status).toBe(422);
    expect((await mint({ headers: basic, body: { name: 'x' } })).status).toBe(201);
  });

  it('never lets a token outlive the token that minted it', async () => {
    const admin = await userWithToken('admin'); // its token expires in 1 day
    const res = await mint({ token: admin.token, body: { name: 'longer', expiresInDays: 30 } });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('expiresInDays');
  });

  it('revokes a user\'s tokens when the user is disabled, for good', async () => {
    const admin = await userWithToken('admin');
    const { user, token } = await userWithToken('operator');
    const patch = (body: unknown) => patchUser(request(`/api/users/${user.id}`, { method: 'PATCH', token: admin.token, body }), params({ id: user.id }));
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await db.apiToken.findFirstOrThrow({ where: { userId: user.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await patch({ disabled: false })).status).toBe(200);
    expect((await info(request('/api/info', { token }))).status).toBe(401);
  });

  it('ends the user\'s other sessions when the password changes; the session that changed it stays', async () => {
    const { user } = await userWithToken('admin');
    const earlier = Math.floor(Date.now() / 1000) - 60;
    const other = await sessionCookie(user.id, 3600, earlier);
    const mine = await sessionCookie(user.id, 3600, earlier);
    const res = await patchUser(
      request(`/api/users/${user.id}`, { method: 'PATCH', headers: { cookie: mine, ...ORIGIN }, body: { password: 'a brand new passphrase' } }),
      params({ id: user.id }),
    );
    expect(res.status).toBe(200);
    const fresh = res.headers.get('set-cookie')!.split(';')[0];
    expect(fresh).toMatch(/^next-auth\.session-token=/);
    expect((await info(request('/api/info', { headers: { cookie: other } }))).status).toBe(401);
    expect((await info(request('/api/info', { headers: { cookie: mine } }))).status).toBe(401);
    expect((await info(request('/api/info', { headers: { cookie: fresh } }))).status).toBe(200);
    // An admin changing someone else's password ends all of that user's sessions.
    const { user: operator } = await userWithToken('operator');
    const theirs = await sessionCookie(operator.id, 3600, earlier);
    const byAdmin = await patchUser(
      request(`/api/users/${operator.id}`, { method: 'PATCH', headers: { cookie: fresh, ...ORIGIN }, body: { password: 'another new passphrase' } }),
      params({ id: operator.id }),
    );
    expect(byAdmin.headers.get('set-cookie')).toBeNull();
    expect((await info(request('/api/info', { headers: { cookie: theirs } }))).status).toBe(401);
  });
});
