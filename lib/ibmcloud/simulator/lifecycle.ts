import type { SimContext } from './context';
import { destroyVni } from './network';
import type { SimServer } from './state';

/**
 * Bare-metal power state machine on the time-scaled clock (docs/reference/ibmcloud-api.md §3.4, §8). Durations are
 * simulated seconds, close to what IBM documents ("10 minutes or less" to running).
 */
export const STEP_SECONDS = {
  pending: 60,
  startingAfterCreate: 240,
  starting: 120,
  stopping: 30,
  reinitializing: 180,
  deleting: 60,
};

type Step = [status: string, simSeconds: number];

const PLANS: Record<'create' | 'start' | 'stop' | 'reinitialize' | 'delete', Step[]> = {
  create: [['pending', 0], ['starting', STEP_SECONDS.pending], ['running', STEP_SECONDS.startingAfterCreate]],
  start: [['starting', 0], ['running', STEP_SECONDS.starting]],
  stop: [['stopping', 0], ['stopped', STEP_SECONDS.stopping]],
  reinitialize: [['reinitializing', 0], ['starting', STEP_SECONDS.reinitializing], ['running', STEP_SECONDS.starting]],
  delete: [['deleting', 0], ['gone', STEP_SECONDS.deleting]],
};

export type LifecycleAction = keyof typeof PLANS;

/** Sets the server's status to the first step of `action` and schedules the rest. */
export function schedule(ctx: SimContext, server: SimServer, action: LifecycleAction) {
  const stuck = ctx.faults.settings.stuckServers.includes(server.name);
  let at = ctx.now();
  server.plan = [];
  PLANS[action].forEach(([status, seconds], i) => {
    at += ctx.realMs(seconds);
    if (i === 0) server.status = status;
    // A stuck server never leaves `starting` (fault injection SIM_STUCK_SERVERS).
    else if (!(stuck && status === 'running')) server.plan.push({ status, atMs: at });
  });
  if (action === 'start' || action === 'reinitialize' || action === 'create') {
    server.node = { bootId: server.node.bootId + 1, state: 'waiting', lastPhase: -1 };
  }
  server.statusReasons = [];
}

/** Applies every due transition; returns the servers whose status changed. */
export function advanceServers(ctx: SimContext): SimServer[] {
  const now = ctx.now();
  const changed: SimServer[] = [];
  for (const server of [...ctx.state.servers]) {
    let moved = false;
    while (server.plan.length && server.plan[0].atMs <= now) {
      const step = server.plan.shift()!;
      if (step.status === 'gone') removeServer(ctx, server);
      else server.status = step.status;
      moved = true;
    }
    if (moved) changed.push(server);
  }
  if (changed.length) ctx.store.markDirty();
  return changed;
}

/** Deleting a server deletes its auto_delete VNIs (and their IPs) and frees the others. */
function removeServer(ctx: SimContext, server: SimServer) {
  server.status = 'gone';
  ctx.state.servers = ctx.state.servers.filter((s) => s.id !== server.id);
  for (const attachment of server.attachments) {
    const vni = ctx.state.vnis.find((v) => v.id === attachment.vniId);
    if (!vni) continue;
    delete vni.target;
    if (vni.autoDelete) destroyVni(ctx, vni);
  }
}
