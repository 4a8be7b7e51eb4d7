import { beforeEach, describe, expect, it } from 'vitest';
import { GET as info } from '@/app/api/info/route';
import { POST as phase } from '@/app/api/status/phase/route';
import { POST as createToken } from '@/app/api/tokens/route';
import { forgetLimitedAddresses } from '@/lib/auth/auth-failures';
import { assertSignInAllowed, signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { RateLimitedError } from '@/lib/errors';
import { consume, consumeLocal, enforce, refund, resetLocalBuckets } from '@/lib/http/rate-limit';
import { rateLimits } from '@/lib/http/rate-limit-policies';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { basicAuth, sessionCookie } from '../helpers/session';
import { userWithToken } from '../helpers/users';

// The peer address as the server in front of Next stamps it (lib/http/peer-address.ts).
const fromIp = (ip: string, headers: Record<string, string> = {}) => ({ 'x-nvo-peer-addr': ip, ...headers });

describe('rate limiting in PostgreSQL', () => {
  beforeEach(async () => {
    await resetDatabase();
    forgetLimitedAddresses();
  });

  it('counts concurrent hits atomically, each exactly once', async () => {
    const limit = { limit: 100, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 25 }, () => consume('t:concurrent', limit)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('refuses past the limit with a Retry-After until the window resets', async () => {
    const limit = { limit: 2, windowSeconds: 30 };
    await enforce('t:window', limit);
    await enforce('t:window', limit);
    const err = await enforce('t:window', limit).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(30);
    await db.rateLimitBucket.update({ where: { key: 't:window' }, data: { resetAt: new Date(Date.now() - 1000) } });
    expect((await enforce('t:window', limit)).count).toBe(1);
    await refund('t:window');
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: 't:window' } })).count).toBe(0);
  });

  it('answers 429 with Retry-After after five wrong HTTP Basic passwords from one IP', async () => {
    const { user } = await userWithToken('viewer');
    const attempt = (password: string) =>
      createToken(request('/api/tokens', { method: 'POST', headers: fromIp('203.0.113.7', { authorization: basicAuth(user.email, password) }) }));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const blocked = await attempt('correct horse battery');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    const otherIp = await createToken(request('/api/tokens', { method: 'POST', headers: fromIp('203.0.113.8', { authorization: basicAuth(user.email, 'correct horse battery') }) }));
    expect(otherIp.status).toBe(201);
  });

  it('does not count successful sign-ins against the budget', async () => {
    const { user } = await userWithToken('viewer');
    for (let i = 0; i < 8; i++) expect(await signInWithPassword(user.email, 'correct horse battery', '198.51.100.1')).not.toBeNull();
  });

  it('wrong passwords at the admin (20 from one address, 25 spread over five) do not lock the admin out from another address (HTTP Basic)', async () => {
    const { user } = await userWithToken('admin');
    const basic = (password: string, ip: string) =>
      createToken(request('/api/tokens', { method: 'POST', headers: fromIp(ip, { authorization: basicAuth(user.email, password) }), body: { name: 'x' } }));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await basic(`guess-${i}`, '203.0.113.66')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expect((await basic('correct horse battery', '203.0.113.66')).status).toBe(429);
    // An attacker spreading guesses over addresses spends each address's budget, not the admin's.
    for (let a = 1; a <= 5; a++) for (let i = 0; i < 5; i++) expect((await basic('guess', `203.0.113.${a}`)).status).toBe(401);
    expect((await basic('correct horse battery', '198.51.100.20')).status).toBe(201);
  });

  it('wrong passwords at the admin (20 from one address, 25 spread over five) do not lock the admin out from another address (sign-in form)', async () => {
    const { user } = await userWithToken('admin');
    // What the form path runs: the pre-check in lib/auth/next-auth-handler.ts, then authorize().
    const form = async (password: string, ip: string) => {
      await assertSignInAllowed(user.email, ip);
      return signInWithPassword(user.email, password, ip);
    };
    let limited = 0;
    for (let i = 0; i < 20; i++) limited += await form(`guess-${i}`, '203.0.113.67').then(() => 0, (e) => (e instanceof RateLimitedError ? 1 : 0));
    expect(limited).toBe(15);
    await expect(form('correct horse battery', '203.0.113.67')).rejects.toBeInstanceOf(RateLimitedError);
    for (let a = 1; a <= 5; a++) for (let i = 0; i < 5; i++) expect(await form('guess', `203.0.113.${a}`)).toBeNull();
    expect(await form('correct horse battery', '198.51.100.21')).toMatchObject({ userId: user.id });
    // Mixed case and spaces are the same account, so they share the (account, address) budget.
    await expect(assertSignInAllowed(` ${user.email.toUpperCase()} `, '203.0.113.67')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('limits one address across accounts, without touching those accounts elsewhere', async () => {
    const { user } = await userWithToken('viewer');
    let limited = 0;
    for (let i = 0; i < 24; i++) {
      limited += await signInWithPassword(`nobody-${i}@example.test`, 'wrong', '192.0.2.50').then(() => 0, (e) => (e instanceof RateLimitedError ? 1 : 0));
    }
    expect(limited).toBe(4);
    await expect(signInWithPassword(user.email, 'correct horse battery', '192.0.2.50')).rejects.toBeInstanceOf(RateLimitedError);
    expect(await signInWithPassword(user.email, 'correct horse battery', '192.0.2.51')).not.toBeNull();
  });

  it('limits refused API tokens per address (30 a minute), exactly, even in parallel; other addresses are unaffected', async () => {
    const { token } = await userWithToken('viewer');
    const ip = '203.0.113.90';
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => info(request('/api/info', { token: `nvo_guess${i}`, headers: fromIp(ip) })).then((r) => r.status)),
    );
    expect(guesses.filter((s) => s === 401)).toHaveLength(30);
    expect(guesses.filter((s) => s === 429)).toHaveLength(10);
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `authfail:ip:${ip}` } })).count).toBe(40);
    const blocked = await info(request('/api/info', { token, headers: fromIp(ip) }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await info(request('/api/info', { token, headers: fromIp('198.51.100.90') }))).status).toBe(200);
  });

  it('counts failures other instances recorded (the count lives in PostgreSQL)', async () => {
    const ip = '203.0.113.91';
    await db.rateLimitBucket.create({ data: { key: `authfail:ip:${ip}`, count: 30, resetAt: new Date(Date.now() + 60_000) } });
    expect((await info(request('/api/info', { token: 'nvo_one-more', headers: fromIp(ip) }))).status).toBe(429);
  });

  it('counts refused node tokens and forged session cookies, not expired sessions or missing credentials', async () => {
    const ip = '203.0.113.92';
    await db.rateLimitBucket.create({ data: { key: `authfail:ip:${ip}`, count: 27, resetAt: new Date(Date.now() + 60_000) } });
    const { user } = await userWithToken('viewer');
    const expired = await sessionCookie(user.id, -60);
    expect((await info(request('/api/info', { headers: fromIp(ip, { cookie: expired }) }))).status).toBe(401);
    expect((await info(request('/api/info', { headers: fromIp(ip) }))).status).toBe(401);
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `authfail:ip:${ip}` } })).count).toBe(27);
    const forged = (await sessionCookie(user.id)).slice(0, -4) + 'AAAA';
    expect((await info(request('/api/info', { headers: fromIp(ip, { cookie: forged }) }))).status).toBe(401);
    const nodeGuess = () => phase(request('/api/status/phase', { token: 'nvn_guess', body: { phase: 'ipxe_boot', status: 'started' }, headers: fromIp(ip) }));
    expect((await nodeGuess()).status).toBe(403);
    expect((await nodeGuess()).status).toBe(403);
    expect((await nodeGuess()).status).toBe(429);
  });

  it('limits API calls per user (counted in this server process)', async () => {
    resetLocalBuckets();
    const { user, token } = await userWithToken('viewer');
    for (let i = 0; i < rateLimits().api.limit; i++) consumeLocal(`api:user:${user.id}`, rateLimits().api);
    const res = await info(request('/api/info', { token }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });
});
