import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBus, stopBus } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { provisionNodes } from '@/lib/provisioning/provision';
import { provisionRequestSchema } from '@/lib/provisioning/schemas';
import { wakeDeploymentsOnNodeReports } from '@/lib/provisioning/wake';
import { runDeploymentIfFree } from '@/lib/provisioning/workflow';
import { resetDatabase } from '../helpers/db';
import { drive, nodePlayer, testDeps } from '../helpers/provisioning';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  await startBus();
});
afterAll(async () => {
  await stopBus();
  await cloud?.close();
});

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('a waiting deployment wakes on its node reports', () => {
  beforeEach(async () => {
    await resetDatabase();
    await cloud.json('/control/reset', { method: 'POST' });
  });

  it('finishes as soon as its node reports deployed, long before its next look at the node', async () => {
    // The install steps look at the node once a minute here: only a wake-up can finish it sooner.
    const deps = { ...testDeps(cloud), watchMs: 60_000 };
    const stop = wakeDeploymentsOnNodeReports({
      run: runDeploymentIfFree,
      schedule: async () => {},
      deps: () => deps,
    });
    try {
      const body = provisionRequestSchema.parse({ node_config: { node_name: 'ntnx-wake', server_profile: 'cx3d-metal-48x128' } });
      const result = await provisionNodes(body, { dryRun: false, requestedBy: 'test' }, deps);
      if (result.dry_run) throw new Error('expected a provision');
      const [{ node_id: nodeId, deployment_id: deploymentId }] = result.accepted;
      const waitingForNode = async () =>
        (await db.deploymentStep.count({ where: { deploymentId, name: 'wait_boot', status: 'running' } })) === 1;
      await drive(deploymentId, deps, { until: waitingForNode });

      await nodePlayer(nodeId)();

      const finished = await until(async () => (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status === 'succeeded', 10_000);
      expect(finished).toBe(true);
      expect((await db.node.findUniqueOrThrow({ where: { id: nodeId } })).status).toBe('deployed');
    } finally {
      stop();
    }
  });
});
