import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

// Every log line of the code under test, at level trace: the logger module is replaced by one
// built with the real createLogger (same redaction rules) writing into `lines`.
const { lines, sink } = vi.hoisted(() => {
  const { Writable: W } = require('node:stream') as { Writable: typeof Writable };
  const captured: string[] = [];
  return { lines: captured, sink: new W({ write(chunk, _enc, done) { captured.push(String(chunk)); done(); } }) };
});

vi.mock('@/lib/log/logger', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/log/logger')>();
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'trace';
  const logger = real.createLogger(sink);
  process.env.LOG_LEVEL = level;
  return { ...real, logger };
});

describe('logs never contain passwords or tokens', () => {
  it('across sign-in failures, Basic, Bearer and node-token requests', async () => {
    const { resetDatabase } = await import('../helpers/db');
    const { request } = await import('../helpers/request');
    const { basicAuth, sessionCookie } = await import('../helpers/session');
    const { hashPassword } = await import('@/lib/auth/passwords');
    const { issueNodeToken } = await import('@/lib/auth/node-tokens');
    const { db } = await import('@/lib/db/client');
    const tokens = await import('@/app/api/tokens/route');
    const info = await import('@/app/api/info/route');
    const users = await import('@/app/api/users/route');
    const bootConfig = await import('@/app/boot/config/route');
    await resetDatabase();

    const password = 'Sup3r-Secret-Passw0rd!';
    const wrongPassword = 'Wr0ng-Guess-Passw0rd!';
    const user = await db.user.create({ data: { email: 'logs@example.test', role: 'admin', passwordHash: await hashPassword(password) } });
    const node = await db.node.create({ data: { name: 'log-node', serverProfile: 'bx2d-metal-96x384' } });
    const nodeToken = await issueNodeToken(node.id);
    const headers = { 'x-nvo-peer-addr': '198.51.100.9' };

    await tokens.POST(request('/api/tokens', { method: 'POST', headers: { ...headers, authorization: basicAuth(user.email, wrongPassword) } }));
    const created = await (await tokens.POST(request('/api/tokens', { method: 'POST', headers: { ...headers, authorization: basicAuth(user.email, password) } }))).json();
    expect(created.token).toMatch(/^nvo_/);
    await info.GET(request('/api/info', { token: created.token }));
    await info.GET(request(`/api/info?token=${created.token}`));
    await users.POST(request('/api/users', { token: created.token, body: { email: 'new@example.test', role: 'viewer', password } }));
    await users.POST(request('/api/users', { token: created.token, body: { email: 'bad', password: wrongPassword } }));
    await bootConfig.GET(request(`/boot/config?node_id=${node.id}&token=${nodeToken}`));
    const cookie = await sessionCookie(user.id);
    await tokens.GET(request('/api/tokens', { headers: { cookie } }));

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('sign-in failed');
    expect(log).toContain('logs@example.test');
    expect(log).toContain('token=[REDACTED]');
    for (const secret of [password, wrongPassword, created.token, nodeToken, cookie.split('=')[1], basicAuth(user.email, password).slice(6)]) {
      expect(log).not.toContain(secret);
    }
  });
});
