import { clusterCreateCommand, dataServicesIpCommand } from './command';
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

/** Forms the cluster by running the CE `cluster create` command on the first member's CVM. */
export function sshClusterFormer(options: SshOptions): ClusterFormer {
  return {
    kind: 'ssh',
    async form(req: FormationRequest) {
      const host = req.cvmIps[0];
      const created = await runRemote(host, clusterCreateCommand(req), options);
      check('cluster create', created, options);
      const ds = await runRemote(host, dataServicesIpCommand(req), options);
      check('setting the data-services IP', ds, options);
      return { output: tail(created.stdout) };
    },
  };
}
