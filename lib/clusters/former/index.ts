import type { Config } from '@/lib/config';
import { simulatedClusterFormer } from './simulated-former';
import { sshClusterFormer } from './ssh-former';
import type { ClusterFormer } from './types';

export type { ClusterFormer, FormationRequest, FormationResult } from './types';
export { FormationError } from './types';

/** The former for the configured mode: simulated without IBM Cloud, SSH to the CVM with it. */
export function clusterFormerFor(config: Config): ClusterFormer {
  if (config.mode === 'simulation') {
    return simulatedClusterFormer({
      timeScale: config.SIM_TIME_SCALE,
      failPattern: config.SIM_CLUSTER_FAIL ? new RegExp(config.SIM_CLUSTER_FAIL) : undefined,
      failTimes: config.SIM_CLUSTER_FAIL_TIMES,
    });
  }
  return sshClusterFormer({
    user: config.CLUSTER_SSH_USER,
    password: config.CLUSTER_SSH_PASSWORD,
    keyFile: config.CLUSTER_SSH_KEY_FILE,
    hostKeyPolicy: config.CLUSTER_SSH_HOST_KEY_POLICY,
    connectTimeoutSeconds: config.CLUSTER_SSH_CONNECT_TIMEOUT,
    timeoutMs: config.phaseTimeouts.cluster_formation * 1000,
  });
}
