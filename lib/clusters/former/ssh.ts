import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { childProcessEnv } from '@/lib/config/runtime';

export interface SshOptions {
  user: string;
  password?: string;
  keyFile?: string;
  knownHostsFile: string;
  /** strict: the host key must already be in knownHostsFile; accept-new: trust on first use, refuse a changed key. */
  hostKeyPolicy: 'strict' | 'accept-new';
  connectTimeoutSeconds: number;
  timeoutMs: number;
  sshBinary?: string;
  sshpassBinary?: string;
}

export interface RemoteResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const MAX_OUTPUT = 64 * 1024;

/**
 * The argv (and extra environment) that runs `command` on `host` with the system ssh client.
 * A password never appears in argv: sshpass reads it from SSHPASS (`-e`).
 */
export function sshInvocation(host: string, command: string, o: SshOptions) {
  if (!o.password && !o.keyFile) throw new Error('set CLUSTER_SSH_KEY_FILE or CLUSTER_SSH_PASSWORD to reach the CVMs');
  const ssh = o.sshBinary ?? 'ssh';
  const args = [
    '-o', `StrictHostKeyChecking=${o.hostKeyPolicy === 'strict' ? 'yes' : 'accept-new'}`,
    '-o', `UserKnownHostsFile=${o.knownHostsFile}`,
    '-o', `ConnectTimeout=${o.connectTimeoutSeconds}`,
    '-o', 'ServerAliveInterval=15',
    '-o', 'LogLevel=ERROR',
  ];
  if (o.keyFile) {
    args.push('-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-i', o.keyFile);
  } else {
    args.push('-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password,keyboard-interactive');
  }
  args.push('-l', o.user, '--', host, command);
  if (o.keyFile) return { file: ssh, args, env: {} as Record<string, string> };
  return { file: o.sshpassBinary ?? 'sshpass', args: ['-e', ssh, ...args], env: { SSHPASS: o.password! } };
}

function append(buf: string, chunk: Buffer) {
  return buf.length >= MAX_OUTPUT ? buf : (buf + chunk.toString('utf8')).slice(0, MAX_OUTPUT);
}

/** Runs one command over SSH, killing it after `timeoutMs`. Never rejects for a remote failure. */
export async function runRemote(host: string, command: string, o: SshOptions): Promise<RemoteResult> {
  const { file, args, env } = sshInvocation(host, command, o);
  await mkdir(path.dirname(o.knownHostsFile), { recursive: true });
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills sshpass, ssh and anything they started together.
    const child = spawn(file, args, { env: childProcessEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, o.timeoutMs);
    child.stdout.on('data', (c: Buffer) => (stdout = append(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = append(stderr, c)));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${file}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
