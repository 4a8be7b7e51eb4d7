import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clusterCreateCommand, dataServicesIpCommand } from './command';
import { knownHostsFor, learnHostKeys } from './host-keys';
import { runRemote, type RemoteResult, type SshOptions } from './ssh';
import { FormationError, type ClusterFormer, type FormationRequest } from './types';

/** ssh's own exit status for connection, authentication and host-key failures. */
const SSH_FAILED = 255;
/** sshpass: 5 = wrong password, 6 = host key unknown; neither gets better by retrying. */
const SSHPASS_PERMANENT: Record<number, string> = { 5: 'the CVM refused the SSH password', 6: 'the CVM host key is not known' };

function tail(text: string, max = 2000) {
  const t = text.trim();
  return t.length > max ? '…' + t.slice(-max) : t;
}

function check(step: string, r: RemoteResult, o: SshOptions) {
  if (r.timedOut) throw new FormationError(`${step} did not finish within ${Math.round(o.timeoutMs / 1000)} s`, false);
  if (r.code === 0) return;
  if (o.password && r.code !== null && SSHPASS_PERMANENT[r.code]) throw new FormationError(`${step}: ${SSHPASS_PERMANENT[r.code]}`, false);
  if (r.code === SSH_FAILED) {
    // Connection refused / unreachable: a freshly installed CVM needs 5-20 minutes before sshd answers.
    throw new FormationError(`${step}: cannot reach the CVM over SSH: ${tail(r.stderr, 500) || 'ssh exited 255'}`, !/host key|Permission denied/i.test(r.stderr));
  }
  throw new FormationError(`${step} exited ${r.code}: ${tail(r.stderr || r.stdout, 1000)}`, false);
}

/** Where the CVMs' host keys live (PostgreSQL, lib/clusters/former/host-keys.ts); tests hand in a fake. */
export interface HostKeyStore {
  knownHostsFor(addresses: string[]): Promise<string>;
  learnHostKeys(address: string, knownHosts: string): Promise<void>;
}

const POSTGRES_HOST_KEYS: HostKeyStore = { knownHostsFor, learnHostKeys };

export type SshFormerOptions = Omit<SshOptions, 'knownHostsFile'> & { hostKeys?: HostKeyStore };

/**
 * Runs `work` with a known_hosts file holding what PostgreSQL knows for `host`. A known key is
 * checked strictly. Without one: `strict` refuses (retryable: the node reports its key with its
 * cluster_formation phase), `accept-new` trusts this first connection and keeps the key, which
 * lasts as long as the address stays with that node and the node is not reinstalled.
 */
async function withKnownHosts<T>(host: string, o: SshFormerOptions, work: (ssh: SshOptions) => Promise<T>): Promise<T> {
  const store = o.hostKeys ?? POSTGRES_HOST_KEYS;
  const known = await store.knownHostsFor([host]);
  if (!known && o.hostKeyPolicy === 'strict') {
    throw new FormationError(`no SSH host key known for the CVM ${host} yet: its node reports it with the cluster_formation phase`, true);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-known-hosts-'));
  const file = path.join(dir, 'known_hosts');
  try {
    await writeFile(file, known, { mode: 0o600 });
    const policy = known ? 'strict' : 'accept-new';
    const { hostKeys: _store, ...rest } = o;
    try {
      return await work({ ...rest, knownHostsFile: file, hostKeyPolicy: policy });
    } finally {
      if (policy === 'accept-new') await store.learnHostKeys(host, await readFile(file, 'utf8').catch(() => ''));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Forms the cluster by running the CE `cluster create` command on the first member's CVM. */
export function sshClusterFormer(options: SshFormerOptions): ClusterFormer {
  return {
    kind: 'ssh',
    async form(req: FormationRequest) {
      const host = req.cvmIps[0];
      return withKnownHosts(host, options, async (ssh) => {
        const created = await runRemote(host, clusterCreateCommand(req), ssh);
        check('cluster create', created, ssh);
        const ds = await runRemote(host, dataServicesIpCommand(req), ssh);
        check('setting the data-services IP', ds, ssh);
        return { output: tail(created.stdout) };
      });
    },
  };
}
