import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';
import { localBucketKeys } from '@/lib/http/rate-limit';
import { startAppHttpServer } from '../helpers/app-http-server';
import { resetDatabase } from '../helpers/db';
import { haveNginx, send, startNginx } from '../helpers/nginx';
import { userWithToken } from '../helpers/users';

// nginx reaches the app from 127.0.0.1 (the only trusted proxy); test clients connect to nginx
// from other loopback addresses, so "the client" and "the proxy" are different peers.
const CLIENT = '127.0.0.5';
const OTHER_CLIENT = '127.0.0.6';
const SCRAPER = '127.0.0.7';
const SPOOF = { 'x-forwarded-for': '10.66.66.66', 'x-real-ip': '10.66.66.66', 'x-nvo-peer-addr': '10.66.66.66', 'x-forwarded-proto': 'https' };
const ENV = { TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_PUBLIC_PER_MINUTE: '3', METRICS_ALLOW: SCRAPER };

describe.runIf(haveNginx)('the shipped nginx (docker/nginx.conf) in front of the app', () => {
  let app: Awaited<ReturnType<typeof startAppHttpServer>>;
  let nginx: Awaited<ReturnType<typeof startNginx>>;

  beforeAll(async () => {
    Object.assign(process.env, ENV);
    resetConfigForTests();
    app = await startAppHttpServer();
    nginx = await startNginx(app.port);
  });
  afterAll(async () => {
    await nginx?.stop();
    await app?.close();
    for (const k of Object.keys(ENV)) delete process.env[k];
    resetConfigForTests();
  });
  beforeEach(resetDatabase);

  const plain = (method: string, path: string, opts: Parameters<typeof send>[3] = {}) => send(nginx.httpPort, method, path, { from: CLIENT, ...opts });
  const tls = (method: string, path: string, opts: Parameters<typeof send>[3] = {}) => send(nginx.httpsPort, method, path, { tls: true, from: CLIENT, ...opts });

  it('limits per real client address: spoofed forwarding headers neither dodge nor share the limit', async () => {
    for (let i = 0; i < 3; i++) {
      const spoof = { ...SPOOF, 'x-forwarded-for': `10.66.0.${i}`, 'x-real-ip': `10.77.0.${i}` };
      expect((await tls('GET', '/health', { headers: spoof })).status).toBe(200);
    }
    expect((await tls('GET', '/health', { headers: { 'x-forwarded-for': '10.66.0.99' } })).status).toBe(429);
    expect((await plain('GET', '/health', { headers: SPOOF })).status).toBe(429);
    expect((await tls('GET', '/health', { from: OTHER_CLIENT, headers: { 'x-forwarded-for': CLIENT } })).status).toBe(200);
    // Request limits count in the serving process's memory (lib/http/rate-limit.ts consumeLocal).
    expect(localBucketKeys('public:ip:')).toEqual([`public:ip:${CLIENT}`, `public:ip:${OTHER_CLIENT}`]);
  });

  it('lets only a really allowed address scrape metrics without credentials', async () => {
    expect((await tls('GET', '/api/metrics', { headers: { ...SPOOF, 'x-forwarded-for': SCRAPER, 'x-real-ip': SCRAPER, 'x-nvo-peer-addr': SCRAPER } })).status).toBe(401);
    expect((await tls('GET', '/api/metrics', { from: SCRAPER })).status).toBe(200);
  });

  it('audits the real client address', async () => {
    const { token } = await userWithToken('admin');
    const res = await tls('POST', '/api/tokens', {
      headers: { ...SPOOF, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'via-nginx' }),
    });
    expect(res.status).toBe(201);
    const row = await db.auditLog.findFirstOrThrow({ where: { action: 'token.create' } });
    expect(row.sourceIp).toBe(CLIENT);
  });

  it('does not believe a client-sent X-Forwarded-Proto on plain HTTP (no HSTS)', async () => {
    const res = await plain('GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('serves on plain HTTP exactly what a booting node needs; everything else redirects to HTTPS', async () => {
    const proxied = [
      ['GET', '/boot/config'], ['HEAD', '/boot/config'], ['GET', '/boot/scripts/foundation-init.sh'],
      ['POST', '/api/status/phase'], ['POST', '/api/status'], ['POST', '/api/installation/status'], ['GET', '/health'],
    ];
    const redirected = [
      ['POST', '/boot/config'], ['GET', '/api/status'], ['GET', '/api/status/phase'], ['GET', '/api/status/summary'],
      ['GET', '/api/status/nodes/1'], ['GET', '/api/status/history'], ['POST', '/api/status/summary'], ['GET', '/api/installation/status'],
      ['GET', '/api/info'], ['POST', '/api/tokens'], ['GET', '/'], ['GET', '/login'], ['GET', '/api/metrics'],
    ];
    const headers = { 'content-type': 'application/json' };
    for (const [method, path] of proxied) {
      const res = await plain(method, path, { headers, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).not.toBe(301);
    }
    for (const [method, path] of redirected) {
      const res = await plain(method, path, { headers, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).toBe(301);
      expect(res.headers.location, `${method} ${path}`).toBe(`https://127.0.0.1${path}`);
    }
    const seen = app.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
    for (const [method, path] of proxied) expect(seen, `${method} ${path} reached the app`).toContain(`${method} ${path}`);
  });
});

if (!haveNginx) console.warn('nginx tests skipped: Debian nginx/openssl missing and could not be installed (scripts/ensure-system-packages.sh installs them as root)');
