import { db } from '@/lib/db/client';
import type { DeploymentEvent } from '@/lib/db/generated/client';
import { INSTALL_PHASES, isInstallPhase, phaseIndex, type InstallPhase } from '@/lib/status/phases';
import { recordEvent } from '@/lib/status/timeline';
import { PermanentStepError, done, wait, type StepContext, type StepDefinition } from '../context';

/**
 * The node drives the install: it reports each phase through /api/status/phase (the status
 * area writes those events). These steps only watch: they end when health_validation completes,
 * fail when the node reports a failure, and mark the node `stuck` when a phase outlives its
 * timeout (it may still recover: the next report puts it back to `deploying`).
 */

function since(ctx: StepContext): Date {
  return ctx.deployment.startedAt ?? ctx.deployment.createdAt;
}

function nodeEvents(ctx: StepContext): Promise<DeploymentEvent[]> {
  return db.deploymentEvent.findMany({
    where: { nodeId: ctx.node.id, createdAt: { gte: since(ctx) }, phase: { in: [...INSTALL_PHASES] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** The phase the node should be in now, and since when it has been silent. */
export function expectedPhase(events: DeploymentEvent[], waitingSince: Date): { phase: InstallPhase; since: Date } {
  const last = events.at(-1);
  if (!last || !isInstallPhase(last.phase)) return { phase: 'ipxe_boot', since: waitingSince };
  const index = phaseIndex(last.phase);
  const next = last.status === 'completed' && index < INSTALL_PHASES.length - 1 ? INSTALL_PHASES[index + 1] : last.phase;
  return { phase: next, since: last.createdAt };
}

async function markStuck(ctx: StepContext, phase: InstallPhase, silentSeconds: number) {
  const message = `No report from the node for ${Math.round(silentSeconds)} s in phase ${phase} (timeout ${ctx.config.phaseTimeouts[phase]} s)`;
  // Stuck detection (lib/status/stuck.ts) may have marked the node already: one mark, one event.
  const marked = await db.node.updateMany({
    where: { id: ctx.node.id, status: { in: ['deploying', 'provisioning'] }, activeDeploymentId: ctx.deployment.id },
    data: { status: 'stuck', statusMessage: message },
  });
  if (marked.count === 0) return;
  await recordEvent({
    nodeId: ctx.node.id,
    deploymentId: ctx.deployment.id,
    phase: 'stuck',
    status: 'timeout',
    message,
    source: 'orchestrator',
    details: { phase, lastSeenAt: ctx.node.lastSeenAt?.toISOString() ?? null, lastFetch: ctx.node.lastFetch },
    idempotencyKey: `${ctx.deployment.id}:stuck:${phase}`,
  });
}

async function watch(ctx: StepContext, finished: (events: DeploymentEvent[]) => boolean) {
  const events = await nodeEvents(ctx);
  const failure = events.find((e) => e.status === 'failed');
  if (failure) throw new PermanentStepError(`the node reported ${failure.phase} failed${failure.message ? `: ${failure.message}` : ''}`);
  if (finished(events)) {
    await db.node.updateMany({ where: { id: ctx.node.id, status: 'stuck' }, data: { status: 'deploying', statusMessage: null } });
    return done({ lastPhase: events.at(-1)?.phase ?? null });
  }
  const expected = expectedPhase(events, ctx.step.startedAt ?? ctx.now());
  const silent = (ctx.now().getTime() - expected.since.getTime()) / 1000;
  if (silent > ctx.config.phaseTimeouts[expected.phase]) {
    await markStuck(ctx, expected.phase, silent);
    return wait((ctx.watchMs ?? ctx.pollMs) * 5);
  }
  if (ctx.node.status === 'stuck') {
    await db.node.updateMany({ where: { id: ctx.node.id, status: 'stuck' }, data: { status: 'deploying', statusMessage: null } });
  }
  return wait(ctx.watchMs ?? ctx.pollMs);
}

/** Waits for the node's first sign of life after power-on (its iPXE fetch or first report). */
export const waitBootStep: StepDefinition = {
  name: 'wait_boot',
  run: (ctx) => watch(ctx, (events) => events.length > 0 || (ctx.node.lastSeenAt !== null && ctx.node.lastSeenAt >= since(ctx))),
};

/** Waits until the node reports health_validation completed. */
export const installStep: StepDefinition = {
  name: 'install',
  run: (ctx) => watch(ctx, (events) => events.some((e) => e.phase === 'health_validation' && e.status === 'completed')),
};

/** The node is deployed: Nutanix CE installed and healthy. */
export const deployedStep: StepDefinition = {
  name: 'deployed',
  async run(ctx) {
    await db.node.updateMany({
      where: { id: ctx.node.id, activeDeploymentId: ctx.deployment.id },
      data: { status: 'deployed', progress: 100, phase: 'health_validation', deployedAt: ctx.node.deployedAt ?? ctx.now(), statusMessage: null },
    });
    return done();
  },
};
