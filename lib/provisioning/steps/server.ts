import { chainUrl } from '@/lib/boot/urls';
import { db } from '@/lib/db/client';
import { redactUrl } from '@/lib/log/logger';
import { nodeServerPrototype, serverInitialization } from '@/lib/ibmcloud';
import { recordEvent } from '@/lib/status/timeline';
import { issueBootChainUrl } from '../boot-token';
import { PermanentStepError, done, wait, type StepContext, type StepDefinition } from '../context';
import { ensureResource, fromServer } from '@/lib/ledger/ledger';
import { namesOf } from './network';

function serverIdOf(ctx: StepContext): string {
  if (!ctx.node.bareMetalId) throw new PermanentStepError('the node has no bare-metal server');
  return ctx.node.bareMetalId;
}

function elapsedSeconds(ctx: StepContext): number {
  return (ctx.now().getTime() - (ctx.step.startedAt ?? ctx.now()).getTime()) / 1000;
}

/** A fresh boot token and the chain URL holding it: the server's user data. */
function freshUserData(ctx: StepContext): Promise<string> {
  return issueBootChainUrl(ctx.node.id, ctx.config.publicBaseUrl);
}

/**
 * The bare-metal server: iPXE image, SSH key, user data = the chain URL with a new node token,
 * management VNI as the primary PCI attachment and the workload VNI as a second one.
 */
export const createServerStep: StepDefinition = {
  name: 'create_server',
  thenYield: true,
  async run(ctx) {
    const name = namesOf(ctx).server;
    const s = ctx.settings;
    if (!ctx.node.managementVniId || !ctx.node.workloadVniId) throw new PermanentStepError('the node has no network interfaces');
    const serverId = await ensureResource(
      {
        kind: 'bare_metal_server', name, nodeId: ctx.node.id, deploymentId: ctx.deployment.id,
        expect: { profile: ctx.node.serverProfile, primaryVniId: ctx.node.managementVniId },
      },
      async () =>
        fromServer(await ctx.cloud.vpc.createBareMetalServer(nodeServerPrototype({
          name,
          profile: ctx.node.serverProfile,
          zone: s.zone,
          vpcId: s.vpcId,
          resourceGroupId: s.resourceGroupId,
          imageId: s.ipxeImageId,
          sshKeyId: s.sshKeyId,
          userData: await freshUserData(ctx),
          primaryVniId: ctx.node.managementVniId!,
          secondaryVniId: ctx.node.workloadVniId!,
        }))),
      ctx.cloud,
    );
    await db.node.update({ where: { id: ctx.node.id }, data: { bareMetalId: serverId } });
    await db.node.updateMany({ where: { id: ctx.node.id, status: 'provisioning', activeDeploymentId: ctx.deployment.id }, data: { status: 'deploying' } });
    const userData = redactUrl(chainUrl(ctx.config.publicBaseUrl, ctx.node.id, 'x'));
    return done({ serverId, name, userData });
  },
};

/** Polls the server until IBM reports it running; `failed` or the timeout end the deployment. */
export const waitRunningStep: StepDefinition = {
  name: 'wait_running',
  async run(ctx) {
    const server = await ctx.cloud.vpc.getBareMetalServer(serverIdOf(ctx));
    await recordEvent({
      nodeId: ctx.node.id,
      deploymentId: ctx.deployment.id,
      phase: 'ibm_cloud_status',
      status: server.status === 'running' ? 'completed' : 'in_progress',
      message: `Bare-metal server is ${server.status}`,
      source: 'orchestrator',
      idempotencyKey: `${ctx.deployment.id}:ibm_cloud_status:${server.status}`,
    });
    if (server.status === 'running') return done({ status: server.status });
    if (server.status === 'failed') {
      const reasons = server.status_reasons.map((r) => r.code).join(', ');
      throw new PermanentStepError(`the bare-metal server failed${reasons ? ` (${reasons})` : ''}`);
    }
    if (elapsedSeconds(ctx) > ctx.config.TIMEOUT_SERVER_RUNNING) {
      throw new PermanentStepError(`the server was not running after ${ctx.config.TIMEOUT_SERVER_RUNNING} s (still ${server.status})`);
    }
    return wait(ctx.pollMs);
  },
};

/** Reinitialize, part 1: power the server off (a reinitialize needs it stopped). */
export const stopServerStep: StepDefinition = {
  name: 'stop_server',
  async run(ctx) {
    const id = serverIdOf(ctx);
    const server = await ctx.cloud.vpc.getBareMetalServer(id);
    if (server.status === 'stopped') return done({ status: server.status });
    if (server.status === 'running') await ctx.cloud.vpc.stopBareMetalServer(id, 'hard');
    if (elapsedSeconds(ctx) > ctx.config.TIMEOUT_SERVER_RUNNING) {
      throw new PermanentStepError(`the server did not stop within ${ctx.config.TIMEOUT_SERVER_RUNNING} s (still ${server.status})`);
    }
    return wait(ctx.pollMs);
  },
};

/**
 * Reinitialize, part 2: a new node token (the old one stops working) and the iPXE image with the
 * new chain URL as user data. IBM starts the server by itself afterwards.
 */
export const reinitializeServerStep: StepDefinition = {
  name: 'reinitialize_server',
  async run(ctx) {
    const id = serverIdOf(ctx);
    const server = await ctx.cloud.vpc.getBareMetalServer(id);
    // A replay after a crash finds the server already on its way up: the replace went through.
    if (server.status !== 'stopped' && ctx.step.attempts > 1) return done({ status: server.status, resumed: true });
    const s = ctx.settings;
    await ctx.cloud.vpc.replaceBareMetalServerInitialization(
      id,
      serverInitialization({ imageId: s.ipxeImageId, sshKeyId: s.sshKeyId, userData: await freshUserData(ctx) }),
    );
    return done({ userData: redactUrl(chainUrl(ctx.config.publicBaseUrl, ctx.node.id, 'x')) });
  },
};
