import { loadConfig } from '@/lib/config';
import { createCloudClient } from '@/lib/ibmcloud/client';
import type { FaultSettings } from '@/lib/ibmcloud/simulator/faults';
import { startSimulator, type SimulatorOptions } from '@/lib/ibmcloud/simulator/server';

/**
 * A simulator on an ephemeral port plus the real client pointed at it, exactly as simulation
 * mode wires them (only the URLs differ from real IBM Cloud). Retries are fast so tests stay quick,
 * and the request-rate limit is off unless a test sets one (tests/integration/ibmcloud-rate-limit.test.ts).
 */
export async function startTestCloud(options: SimulatorOptions = {}, env: Record<string, string> = {}) {
  const faults = { rateLimit: { perSecond: 0, burst: 1 }, ...options.faults };
  const sim = await startSimulator({ timeScale: 600, autoboot: false, ...options, faults });
  const config = loadConfig({ IBMCLOUD_IAM_URL: sim.iamUrl, IBMCLOUD_VPC_URL: sim.vpcUrl, IBMCLOUD_DNS_URL: sim.dnsUrl, ...env });
  const client = createCloudClient(config, { retry: { baseDelayMs: 20, maxDelayMs: 200 } });
  const json = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${sim.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    return { status: res.status, headers: res.headers, body: res.status === 204 ? null : await res.json() };
  };
  return {
    sim,
    config,
    client,
    json,
    /** Phases are cleared with null. */
    setFaults: (faults: Partial<Omit<FaultSettings, 'failPhase' | 'silentPhase'>> & { failPhase?: string | null; silentPhase?: string | null }) => json('/control/faults', { method: 'PUT', body: JSON.stringify(faults) }),
    inventory: async () => (await json('/inventory')).body,
    close: () => sim.close(),
  };
}

export type TestCloud = Awaited<ReturnType<typeof startTestCloud>>;
