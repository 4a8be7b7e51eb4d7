import { SimError } from './http';

/** Fault injection knobs: from config at start, changeable at runtime through /control/faults. */
export interface FaultSettings {
  rate429: number;
  rate500: number;
  latencyMs: number;
  quotaErrors: boolean;
  stuckServers: string[];
  failPhase?: string;
  silentPhase?: string;
  /** Exact faults for the next matching requests, consumed in order (deterministic tests). */
  queue: QueuedFault[];
}

export interface QueuedFault {
  status: 429 | 500 | 502 | 503;
  /** Seconds for the Retry-After header of a 429. */
  retryAfter?: number;
  /** Only requests whose method matches (default: any). */
  method?: string;
  /** Only paths containing this text (default: any VPC/DNS path). */
  pathIncludes?: string;
  /** Process the request, then answer the error anyway: a create that succeeded server-side. */
  afterProcessing?: boolean;
}

export class Faults {
  constructor(public settings: FaultSettings, private readonly random: () => number = Math.random) {}

  update(patch: Partial<FaultSettings>) {
    this.settings = { ...this.settings, ...patch };
  }

  /**
   * Throws the fault this request should suffer, if any, after any configured latency. Returns a
   * fault to answer after the request has been processed (`afterProcessing`), or null.
   */
  async apply(method: string, path: string): Promise<SimError | null> {
    if (this.settings.latencyMs > 0) await new Promise((r) => setTimeout(r, this.settings.latencyMs));
    const index = this.settings.queue.findIndex(
      (f) => (!f.method || f.method === method) && (!f.pathIncludes || path.includes(f.pathIncludes)),
    );
    if (index >= 0) {
      const [fault] = this.settings.queue.splice(index, 1);
      const error = faultError(fault.status, fault.retryAfter);
      if (fault.afterProcessing) return error;
      throw error;
    }
    if (this.random() < this.settings.rate429) throw faultError(429, 1);
    if (this.random() < this.settings.rate500) throw faultError(500);
    return null;
  }
}

function faultError(status: number, retryAfter = 1) {
  if (status === 429) {
    return new SimError(429, 'rate_limit_exceeded', 'Too many requests within a short time', undefined, { 'retry-after': String(retryAfter) });
  }
  return new SimError(status, 'internal_error', 'An internal error occurred (injected by the simulator)');
}
