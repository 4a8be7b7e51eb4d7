/** What a cluster-create needs to know, whoever runs it. */
export interface FormationRequest {
  clusterName: string;
  /** CVM addresses of the members, in member order; the command runs on the first. */
  cvmIps: string[];
  redundancyFactor: number;
  dnsServers: string[];
  clusterIp: string;
  dataServicesIp: string;
  /** 1 for the first formation of this cluster, 2 after one retry, ... */
  attempt: number;
}

export interface FormationResult {
  /** Trimmed command output for the timeline (never credentials). */
  output: string;
}

/** Runs `cluster ... create` for a set of installed nodes: over SSH, or simulated. */
export interface ClusterFormer {
  readonly kind: 'ssh' | 'simulated';
  form(request: FormationRequest): Promise<FormationResult>;
}

/** A formation failure; `retryable` ones (CVM not reachable yet) are tried again by the step runner. */
export class FormationError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'FormationError';
  }
}
