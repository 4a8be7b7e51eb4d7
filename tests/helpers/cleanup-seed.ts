import { db } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import type { WorkflowDeps } from '@/lib/provisioning/context';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { runDeployment } from '@/lib/provisioning/workflow';
import { cloudSettings } from '@/lib/ibmcloud/settings';
import type { TestCloud } from './simulator';

/** Provisioning's own dependencies, pointed at the test simulator. */
export function workflowDeps(cloud: TestCloud): WorkflowDeps {
  return { cloud: cloud.client, settings: cloudSettings(cloud.config), config: cloud.config, now: () => new Date(), log: logger, pollMs: 20 };
}

/**
 * Provisions a node with the real provisioning workflow (provisionNodes + runDeployment) until
 * its server is running and it waits for the node to boot: every cloud object (reserved IPs,
 * VNIs, DNS A + PTR records, the bare-metal server) exists and is in the ledger.
 */
export async function provisionUntilRunning(cloud: TestCloud, name: string) {
  const result = await provisionNodes(provisionRequestSchema.parse({ node_config: { node_name: name, server_profile: 'bx2d-metal-96x384' } }), { dryRun: false, requestedBy: 'test' }, workflowDeps(cloud));
  if (result.dry_run || result.accepted.length !== 1) throw new Error(`provisioning ${name} was refused: ${JSON.stringify(result)}`);
  const { node_id: nodeId, deployment_id: deploymentId } = result.accepted[0];
  const deadline = Date.now() + 20_000;
  for (;;) {
    const step = await db.deploymentStep.findFirst({ where: { deploymentId, name: 'wait_running' } });
    if (step?.status === 'succeeded') break;
    if (Date.now() > deadline) throw new Error(`provisioning ${name} did not get its server running (step ${step?.status})`);
    const outcome = await runDeployment(deploymentId, workflowDeps(cloud));
    if (outcome.next === 'none') throw new Error(`provisioning ${name} ended early`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const node = await db.node.findUniqueOrThrow({ where: { id: nodeId } });
  return { node, deploymentId };
}

/** Everything the simulator holds that belongs to the node (by name, DNS name or PTR target). */
export function inventoryOf(inventory: Record<string, { name: string; rdata?: unknown }[]>, name: string) {
  const kinds = ['bare_metal_servers', 'virtual_network_interfaces', 'reserved_ips', 'dns_records'];
  const mine = (r: { name: string; rdata?: unknown }) => new RegExp(`(^|-)${name}(-|\\.|$)`).test(r.name) || JSON.stringify(r.rdata ?? '').includes(`${name}-`);
  return kinds.flatMap((k) => (inventory[k] ?? []).filter(mine).map((r) => `${k}:${r.name}`));
}
