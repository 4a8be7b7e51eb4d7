import { beforeEach, describe, expect, it } from 'vitest';
import { GET as info } from '@/app/api/info/route';
import { DELETE as deleteToken } from '@/app/api/tokens/[id]/route';
import { GET as listTokens, POST as createToken } from '@/app/api/tokens/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { basicAuth, sessionCookie } from '../helpers/session';
import { userWithToken } from '../helpers/users';

const PASSWORD = 'correct horse battery';

describe('identity: sessions, Basic and API tokens', () => {
  beforeEach(resetDatabase);

  it('identifies a signed-in session cookie and refuses a tampered one', async () => {
    const { user } = await userWithToken('viewer');
    const cookie = await sessionCookie(user.id);
    expect((await info(request('/api/info', { headers: { cookie } }))).status).toBe(200);
    const tampered = cookie.slice(0, -4) + 'AAAA';
    expect((await info(request('/api/info', { headers: { cookie: tampered } }))).status).toBe(401);
  });

  it('stops honouring sessions and tokens of a user once disabled', async () => {
    const { user, token } = await userWithToken('operator');
    const cookie = await sessionCookie(user.id);
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await info(request('/api/info', { headers: { cookie } }))).status).toBe(401);
    expect((await info(request('/api/info', { token }))).status).toBe(401);
  });

  it('issues a token over HTTP Basic once, which then works as Bearer', async () => {
    const { user } = await userWithToken('viewer');
    const res = await createToken(request('/api/tokens', { method: 'POST', headers: { authorization: basicAuth(user.email, PASSWORD) } }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^nvo_/), expiresAt: expect.any(String) });
    expect((await info(request('/api/info', { token: body.token }))).status).toBe(200);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(JSON.stringify(stored)).not.toContain(body.token);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'token.create' } });
    expect(audit).toMatchObject({ actorType: 'user', actorLabel: user.email, targetId: body.id });
  });

  it('refuses HTTP Basic with a wrong password and everywhere but POST /api/tokens', async () => {
    const { user } = await userWithToken('admin');
    const wrong = await createToken(request('/api/tokens', { method: 'POST', headers: { authorization: basicAuth(user.email, 'nope') } }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect((await info(request('/api/info', { headers: { authorization: basicAuth(user.email, PASSWORD) } }))).status).toBe(401);
  });

  it('lists own tokens, all tokens for an admin, and revokes only what the caller may', async () => {
    const viewer = await userWithToken('viewer');
    const admin = await userWithToken('admin');
    const own = await (await listTokens(request('/api/tokens', { token: viewer.token }))).json();
    expect(own.tokens).toHaveLength(1);
    expect(JSON.stringify(own)).not.toContain(viewer.token);
    expect(JSON.stringify(own)).not.toContain('tokenHash');
    const all = await (await listTokens(request('/api/tokens', { token: admin.token }))).json();
    expect(all.tokens).toHaveLength(2);
    const adminTokenId = all.tokens.find((t: { userId: string }) => t.userId === admin.user.id).id;
    const denied = await deleteToken(request(`/api/tokens/${adminTokenId}`, { method: 'DELETE', token: viewer.token }), params({ id: adminTokenId }));
    expect(denied.status).toBe(404);
    const viewerTokenId = own.tokens[0].id;
    const revoked = await deleteToken(request(`/api/tokens/${viewerTokenId}`, { method: 'DELETE', token: admin.token }), params({ id: viewerTokenId }));
    expect(revoked.status).toBe(204);
    expect((await info(request('/api/info', { token: viewer.token }))).status).toBe(401);
  });

  it('refuses a cookie-authenticated change from another origin but not a Bearer one', async () => {
    const { user, token } = await userWithToken('admin');
    const cookie = await sessionCookie(user.id);
    const crossSite = await createToken(request('/api/tokens', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } }));
    expect(crossSite.status).toBe(403);
    const noOrigin = await createToken(request('/api/tokens', { method: 'POST', headers: { cookie } }));
    expect(noOrigin.status).toBe(403);
    const sameSite = await createToken(request('/api/tokens', { method: 'POST', headers: { cookie, origin: 'http://localhost:3000' } }));
    expect(sameSite.status).toBe(201);
    const bearer = await createToken(request('/api/tokens', { method: 'POST', token, headers: { origin: 'https://evil.example' } }));
    expect(bearer.status).toBe(201);
  });

  it('rejects invalid token requests with a field-named 422', async () => {
    const { token } = await userWithToken('viewer');
    const res = await createToken(request('/api/tokens', { token, body: { name: '', expiresInDays: 0 } }));
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'expiresInDays']));
  });
});
