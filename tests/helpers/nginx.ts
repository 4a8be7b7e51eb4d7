import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX = '/usr/sbin/nginx';
/** Debian's nginx and openssl (scripts/ensure-system-packages.sh installs them). */
export const haveNginx = existsSync(NGINX) && existsSync('/usr/bin/openssl');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The shipped docker/nginx.conf and its include, unchanged but for what only a container has:
 * certificate and log paths, the compose service name of the app, and ports 80/443 (free ports on
 * loopback here). Self-signed certificate from openssl.
 */
export async function startNginx(upstreamPort: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-nginx-'));
  await chmod(dir, 0o755); // workers run as nobody when the tests run as root
  await mkdir(path.join(dir, 'certs'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-keyout', path.join(dir, 'certs/tls.key'), '-out', path.join(dir, 'certs/tls.crt'),
  ], { stdio: 'ignore' });
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const source = await readFile(path.resolve('docker/nginx.conf'), 'utf8');
  const conf = path.join(dir, 'nginx.conf');
  await copyFile(path.resolve('docker/nginx-proxy-headers.conf'), path.join(dir, 'nginx-proxy-headers.conf'));
  await writeFile(
    conf,
    source
      .replaceAll('/etc/nginx/certs/', `${dir}/certs/`)
      .replaceAll('/var/log/nginx/', `${dir}/`)
      .replace('server app:3000;', `server 127.0.0.1:${upstreamPort};`)
      .replace(/listen \[::\]:\d+[^;]*;\n\s*/g, '')
      .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`)
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace('events {', `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {`),
  );
  execFileSync(NGINX, ['-t', '-q', '-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await send(httpPort, 'GET', '/nginx-ready').then(() => true, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    conf,
    httpPort,
    httpsPort,
    async stop() {
      child.kill('SIGQUIT');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to nginx from a chosen loopback source address (127.0.0.0/8 all reach loopback). */
export function send(
  port: number,
  method: string,
  pathname: string,
  opts: { tls?: boolean; from?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Sent> {
  const lib = opts.tls ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      { host: '127.0.0.1', port, method, path: pathname, localAddress: opts.from, headers: opts.headers, rejectUnauthorized: false, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
