import type { Config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { cloudSettings, makeCloudError, type CloudClient } from '@/lib/ibmcloud';
import { createLogger } from '@/lib/log/logger';
import type { WorkflowDeps } from '@/lib/provisioning/context';
import { runDeployment } from '@/lib/provisioning/workflow';
import { applyPhaseReport } from '@/lib/status/apply-phase-report';
import { INSTALL_PHASES } from '@/lib/status/phases';
import type { TestCloud } from './simulator';

/** Workflow dependencies bound to a test simulator, with fast polling and a silent log. */
export function testDeps(cloud: TestCloud, client: CloudClient = cloud.client, config: Config = cloud.config): WorkflowDeps {
  return {
    cloud: client,
    settings: cloudSettings(config),
    config,
    now: () => new Date(),
    log: createLogger({ write: () => {} } as never),
    pollMs: 30,
  };
}

/**
 * Runs a deployment the way the job worker does, until it finishes (or `until` holds), sleeping
 * briefly where the worker would re-queue it. `tick` runs between runs (e.g. to play the node).
 */
export async function drive(deploymentId: string, deps: WorkflowDeps, opts: { tick?: () => Promise<void>; until?: () => Promise<boolean>; timeoutMs?: number } = {}) {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const outcome = await runDeployment(deploymentId, deps);
    if (outcome.next === 'none') return;
    if (opts.until && (await opts.until())) return;
    await opts.tick?.();
    await new Promise((r) => setTimeout(r, Math.min(outcome.delayMs, 60)));
  }
  throw new Error(`deployment ${deploymentId} did not finish in time`);
}

/** Plays the node: once its server runs, reports every install phase as the installer would. */
export function nodePlayer(nodeId: number, failAt?: string) {
  let played = false;
  return async () => {
    if (played) return;
    const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
    const step = await db.deploymentStep.findFirst({ where: { deployment: { nodeId }, name: 'wait_boot', status: 'running' } });
    if (!node.bareMetalId || !step) return;
    played = true;
    for (const phase of INSTALL_PHASES) {
      if (phase === failAt) {
        await applyPhaseReport({ nodeId, phase, status: 'failed', message: 'simulated failure', source: 'node' });
        return;
      }
      await applyPhaseReport({ nodeId, phase, status: 'started', source: 'node' });
      await applyPhaseReport({ nodeId, phase, status: 'completed', source: 'node' });
    }
  };
}

/** The client with one method failing permanently (a validation error from IBM) from call `nth` on. */
export function failingClient(client: CloudClient, api: 'vpc' | 'dns', method: string, nth = 1): CloudClient {
  let calls = 0;
  const wrapped = new Proxy(client[api] as object, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        calls++;
        if (calls >= nth) throw makeCloudError({ status: 400, code: 'validation_invalid_argument', message: `injected permanent failure of ${method}`, operation: method });
        return value.apply(target, args);
      };
    },
  });
  return { ...client, [api]: wrapped } as CloudClient;
}

export interface Inventory {
  bare_metal_servers: { id: string; name: string; status: string; profile: string; tags: string[] }[];
  virtual_network_interfaces: { id: string; name: string; subnet_id: string; tags: string[] }[];
  reserved_ips: { id: string; name: string; address: string; subnet_id: string }[];
  dns_records: { id: string; type: string; name: string; rdata: { ip?: string; ptrdname?: string } }[];
}

/** Everything in the simulator that belongs to a node (by resource name or DNS name). */
export function inventoryOf(inv: Inventory, nodeName: string, prefix = 'nvo') {
  const own = (n: string) => n === `${prefix}-${nodeName}` || n.startsWith(`${prefix}-${nodeName}-`);
  const ownDns = (r: Inventory['dns_records'][number]) => r.name.startsWith(`${nodeName}-`) || (r.rdata.ptrdname ?? '').startsWith(`${nodeName}-`);
  return {
    servers: inv.bare_metal_servers.filter((s) => own(s.name)),
    vnis: inv.virtual_network_interfaces.filter((v) => own(v.name)),
    reservedIps: inv.reserved_ips.filter((r) => own(r.name)),
    dns: inv.dns_records.filter(ownDns),
  };
}
