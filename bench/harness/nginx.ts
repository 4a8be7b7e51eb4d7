import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive, processTree } from './processes';
import { freePort } from './server';

const NGINX = '/usr/sbin/nginx';

export interface BenchNginx {
  port: number;
  /** The master's pid (the workers are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** Debian's nginx, installed with apt-get when missing and we are root (as on CI). */
function ensureNginx() {
  if (existsSync(NGINX)) return;
  if (process.getuid?.() === 0) {
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx (as root)`);
}

/**
 * Debian's nginx serving `dir` at `urlPrefix` on a free loopback port with sendfile, as a plain
 * static file server would: `processes` workers, no access log, every path it writes inside
 * `workDir` (so it runs as any user; as root its workers drop to nobody, so `dir` must be readable).
 */
export async function startStaticNginx(opts: { dir: string; urlPrefix: string; workDir: string; processes: number }): Promise<BenchNginx> {
  ensureNginx();
  const port = await freePort();
  const work = path.join(opts.workDir, `nginx-${port}`);
  mkdirSync(work, { recursive: true });
  const conf = path.join(work, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${work}/${t};`).join('\n');
  writeFileSync(
    conf,
    `worker_processes ${opts.processes};
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
${temp}
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:${port};
    location ${opts.urlPrefix} { alias ${opts.dir}/; }
  }
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-c', conf, '-p', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawn(NGINX, ['-c', conf, '-p', work, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (up) break;
    if (i > 100) {
      child.kill('SIGKILL');
      throw new Error('nginx did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    port,
    pid,
    async stop() {
      const tree = processTree(pid);
      child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      for (const p of tree.filter(isAlive)) process.kill(p, 'SIGKILL');
    },
  };
}
