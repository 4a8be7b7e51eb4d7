import { clusterCreateCommand } from './command';
import { FormationError, type ClusterFormer, type FormationRequest } from './types';

export interface SimulatedFormerOptions {
  /** Simulated seconds per real second (SIM_TIME_SCALE). */
  timeScale: number;
  /** Clusters whose name matches fail their formation (SIM_CLUSTER_FAIL). */
  failPattern?: RegExp;
  /** How many formation attempts of such a cluster fail before one succeeds; 0 = always (SIM_CLUSTER_FAIL_TIMES). */
  failTimes: number;
  sleep?: (ms: number) => Promise<void>;
}

/** How long `cluster create` takes on real CE hardware, in seconds: services start on every CVM. */
export function simulatedFormationSeconds(memberCount: number) {
  return memberCount === 1 ? 240 : 300 + 60 * (memberCount - 1);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Stands in for the CVM in simulation mode: checks the command would be valid, takes the
 * time-scaled duration a real formation takes, and fails on request for demos and tests.
 */
export function simulatedClusterFormer(o: SimulatedFormerOptions): ClusterFormer {
  const sleep = o.sleep ?? realSleep;
  return {
    kind: 'simulated',
    async form(req: FormationRequest) {
      const command = clusterCreateCommand(req);
      const seconds = simulatedFormationSeconds(req.cvmIps.length);
      await sleep((seconds * 1000) / o.timeScale);
      const failing = o.failPattern?.test(req.clusterName) && (o.failTimes === 0 || req.attempt <= o.failTimes);
      if (failing) {
        throw new FormationError(
          `cluster create failed on ${req.cvmIps[0]}: genesis could not start services on ${req.cvmIps.at(-1)} (simulated failure for clusters matching ${o.failPattern})`,
          false,
        );
      }
      return { output: `[simulated] ${command}\nCluster ${req.clusterName} created with ${req.cvmIps.length} node(s), RF${req.redundancyFactor}; all services UP` };
    },
  };
}
