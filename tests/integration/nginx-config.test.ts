import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NGINX = '/usr/sbin/nginx';
const haveTools = existsSync(NGINX) && existsSync('/usr/bin/openssl');

describe.runIf(haveTools)('docker/nginx.conf', () => {
  let dir: string;
  let conf: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-nginx-'));
    await mkdir(path.join(dir, 'certs'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, 'certs/tls.key'), '-out', path.join(dir, 'certs/tls.crt'),
    ], { stdio: 'ignore' });
    // Same file, with the container paths pointed at the throwaway directory and the compose
    // service name resolvable on this machine.
    const source = await readFile(path.resolve('docker/nginx.conf'), 'utf8');
    conf = path.join(dir, 'nginx.conf');
    await writeFile(
      conf,
      source
        .replaceAll('/etc/nginx/certs/', `${dir}/certs/`)
        .replaceAll('/var/log/nginx/', `${dir}/`)
        .replace('server app:3000;', 'server 127.0.0.1:3000;')
        .replace('events {', `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {`),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes nginx -t', () => {
    // execFileSync throws (failing the test) when nginx -t exits non-zero.
    const out = execFileSync(NGINX, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).not.toMatch(/emerg|failed/);
  });

  it('redirects HTTP to HTTPS except boot paths, and sets security headers', async () => {
    const text = await readFile(conf, 'utf8');
    expect(text).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
    expect(text).toMatch(/location \/boot\/images\/ \{[^}]*proxy_buffering off;/);
    for (const header of ['Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options']) {
      expect(text).toContain(`add_header ${header}`);
    }
  });
});

if (!haveTools) console.warn('nginx config test skipped: Debian nginx/openssl missing (scripts/ensure-system-packages.sh installs them)');
