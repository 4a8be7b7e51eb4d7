import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sshClusterFormer, type HostKeyStore } from './ssh-former';
import { runRemote, sshInvocation, type SshOptions } from './ssh';

const base: SshOptions = { user: 'nutanix', knownHostsFile: '/tmp/kh', hostKeyPolicy: 'strict', connectTimeoutSeconds: 30, timeoutMs: 5000 };

/** A stand-in ssh binary: records its argv and the known_hosts file it was given, then runs `script`. */
async function fakeSsh(script: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-ssh-'));
  const file = path.join(dir, 'ssh');
  const keepKnownHosts = `for a in "$@"; do case "$a" in UserKnownHostsFile=*) KH="\${a#UserKnownHostsFile=}"; cp "$KH" ${dir}/known_hosts_seen;; esac; done`;
  await writeFile(file, `#!/bin/sh\necho "$@" >> ${dir}/argv\n${keepKnownHosts}\n${script}\n`);
  await chmod(file, 0o755);
  return { file, dir };
}

describe('ssh invocation', () => {
  it('uses the key file in batch mode with the explicit host-key policy', () => {
    const inv = sshInvocation('10.0.0.101', 'cluster status', { ...base, keyFile: '/keys/id' });
    expect(inv.file).toBe('ssh');
    expect(inv.args).toEqual(expect.arrayContaining(['StrictHostKeyChecking=yes', 'UserKnownHostsFile=/tmp/kh', 'BatchMode=yes', '/keys/id']));
    expect(inv.args.slice(-4)).toEqual(['nutanix', '--', '10.0.0.101', 'cluster status']);
  });

  it('passes a password through sshpass and the environment, never argv', () => {
    const inv = sshInvocation('10.0.0.101', 'x', { ...base, hostKeyPolicy: 'accept-new', password: 's3cret-pass' });
    expect(inv.file).toBe('sshpass');
    expect(inv.args[0]).toBe('-e');
    expect(inv.args.join(' ')).not.toContain('s3cret-pass');
    expect(inv.args).toContain('StrictHostKeyChecking=accept-new');
    expect(inv.env).toEqual({ SSHPASS: 's3cret-pass' });
  });

  it('refuses to run without credentials', () => {
    expect(() => sshInvocation('10.0.0.101', 'x', base)).toThrow(/CLUSTER_SSH_KEY_FILE or CLUSTER_SSH_PASSWORD/);
  });

  it('kills a command that outlives its timeout', async () => {
    const fake = await fakeSsh('sleep 5');
    const r = await runRemote('10.0.0.101', 'x', { ...base, keyFile: '/k', sshBinary: fake.file, timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
  });
});

/** The fake of PostgreSQL's host-key table (lib/clusters/former/host-keys.ts). */
function fakeHostKeys(known: Record<string, string> = {}) {
  const learned: { address: string; knownHosts: string }[] = [];
  const store: HostKeyStore = {
    knownHostsFor: async (addresses) => addresses.map((a) => (known[a] ? `${a} ${known[a]}\n` : '')).join(''),
    learnHostKeys: async (address, knownHosts) => void learned.push({ address, knownHosts }),
  };
  return { store, learned };
}

describe('ssh cluster former', () => {
  const req = { clusterName: 'lab-1', cvmIps: ['10.0.0.101'], redundancyFactor: 1, dnsServers: [], clusterIp: '10.0.0.200', dataServicesIp: '10.0.0.201', attempt: 1 };
  const reported = fakeHostKeys({ '10.0.0.101': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReported' });

  it('checks the CVM strictly against the host key known in PostgreSQL', async () => {
    const fake = await fakeSsh('echo ok');
    for (const hostKeyPolicy of ['strict', 'accept-new'] as const) {
      await sshClusterFormer({ ...base, hostKeyPolicy, keyFile: '/k', sshBinary: fake.file, hostKeys: reported.store }).form(req);
      const argv = (await readFile(path.join(fake.dir, 'argv'), 'utf8')).trim().split('\n');
      expect(argv.at(-1)).toContain('StrictHostKeyChecking=yes');
      expect(await readFile(path.join(fake.dir, 'known_hosts_seen'), 'utf8')).toBe('10.0.0.101 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReported\n');
    }
    expect(reported.learned).toEqual([]);
  });

  it('without a known key: strict waits for the node to report one, accept-new trusts the first connection and keeps its key', async () => {
    const none = fakeHostKeys();
    const fake = await fakeSsh('echo "10.0.0.101 ssh-ed25519 AAAAFirstSeen" >> "$KH"; echo ok');
    await expect(sshClusterFormer({ ...base, keyFile: '/k', sshBinary: fake.file, hostKeys: none.store }).form(req)).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining('no SSH host key known for the CVM 10.0.0.101'),
    });
    await sshClusterFormer({ ...base, hostKeyPolicy: 'accept-new', keyFile: '/k', sshBinary: fake.file, hostKeys: none.store }).form(req);
    expect((await readFile(path.join(fake.dir, 'argv'), 'utf8'))).toContain('StrictHostKeyChecking=accept-new');
    expect(none.learned.at(-1)).toEqual({ address: '10.0.0.101', knownHosts: expect.stringContaining('10.0.0.101 ssh-ed25519 AAAAFirstSeen') });
  });

  it('runs cluster create and then sets the data-services IP on the first CVM', async () => {
    const fake = await fakeSsh('echo ok');
    const result = await sshClusterFormer({ ...base, keyFile: '/k', sshBinary: fake.file, hostKeys: reported.store }).form(req);
    const argv = (await readFile(path.join(fake.dir, 'argv'), 'utf8')).trim().split('\n');
    expect(argv[0]).toMatch(/10\.0\.0\.101 \/usr\/local\/nutanix\/cluster\/bin\/cluster -s 10\.0\.0\.101 .*--redundancy_factor=1 .*create$/);
    expect(argv[1]).toMatch(/external-data-services-ip-address=10\.0\.0\.201$/);
    expect(result.output).toBe('ok');
  });

  it('reports an unreachable CVM as retryable and a failing command as permanent', async () => {
    const unreachable = await fakeSsh('echo "connect to host 10.0.0.101 port 22: Connection refused" >&2; exit 255');
    await expect(sshClusterFormer({ ...base, keyFile: '/k', sshBinary: unreachable.file, hostKeys: reported.store }).form(req)).rejects.toMatchObject({ retryable: true });
    const failing = await fakeSsh('echo "StartClusterError: node not ready" >&2; exit 1');
    await expect(sshClusterFormer({ ...base, keyFile: '/k', sshBinary: failing.file, hostKeys: reported.store }).form(req)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('StartClusterError'),
    });
  });
});
