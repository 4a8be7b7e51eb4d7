import { db, type Prisma } from '@/lib/db/client';
import { isFinishedDeployment } from '@/lib/status/deployment-statuses';

/**
 * One workflow per node. `Node.activeDeploymentId` names the deployment allowed to act on the
 * node; it is taken and given back by compare-and-set in SQL, so it survives crashes and holds no
 * connection across cloud calls. A deployment takes a free node, or one whose holder has ended and
 * is not inside a step any more (no worker holds its run lock): a superseded or cancelled
 * deployment finishes the step it is in, then stops at the next step boundary.
 */


/** The advisory lock a worker holds while it runs a deployment's steps (lib/jobs/lock.ts). */
export function runLockKey(deployment: { id: string; kind: string }): string {
  return deployment.kind === 'cluster' ? `cluster-deployment:${deployment.id}` : `deployment:${deployment.id}`;
}

async function runLockHeld(key: string): Promise<boolean> {
  // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits).
  const rows = await db.$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND ((classid::bigint << 32) | objid::bigint) = hashtext(${key})::bigint
    ) AS held`;
  return rows[0]?.held ?? false;
}

async function compareAndSet(nodeId: number, expected: string | null, next: string | null, tx: Prisma.TransactionClient = db): Promise<boolean> {
  const changed = expected === null
    ? await tx.$executeRaw`UPDATE "Node" SET "activeDeploymentId" = ${next} WHERE "id" = ${nodeId} AND "activeDeploymentId" IS NULL`
    : await tx.$executeRaw`UPDATE "Node" SET "activeDeploymentId" = ${next} WHERE "id" = ${nodeId} AND "activeDeploymentId" = ${expected}`;
  return changed === 1;
}

/** Why a deployment cannot take the node now (null when it holds it after the call). */
export async function claimNode(nodeId: number, deploymentId: string): Promise<string | null> {
  const node = await db.node.findUnique({ where: { id: nodeId }, select: { activeDeploymentId: true } });
  if (!node) return `node ${nodeId} does not exist`;
  const holderId = node.activeDeploymentId;
  if (holderId === deploymentId) return null;
  if (holderId) {
    const holder = await db.deployment.findUnique({ where: { id: holderId }, select: { id: true, kind: true, status: true } });
    if (holder && !isFinishedDeployment(holder.status)) return `deployment ${holderId} (${holder.kind}) is ${holder.status} on the node`;
    if (holder && (await runLockHeld(runLockKey(holder)))) return `deployment ${holderId} (${holder.kind}) is finishing a step`;
  }
  return (await compareAndSet(nodeId, holderId, deploymentId)) ? null : 'another deployment took the node first';
}

/** Takes every node, in ascending id order (two formations can never wait on each other), or none. */
export async function claimNodes(nodeIds: number[], deploymentId: string): Promise<string | null> {
  const taken: number[] = [];
  for (const id of [...nodeIds].sort((a, b) => a - b)) {
    const refused = await claimNode(id, deploymentId);
    if (refused) {
      for (const t of taken) await releaseNode(t, deploymentId);
      return refused;
    }
    taken.push(id);
  }
  return null;
}

/** Gives the node back if this deployment holds it. */
export async function releaseNode(nodeId: number, deploymentId: string, tx: Prisma.TransactionClient = db): Promise<void> {
  await compareAndSet(nodeId, deploymentId, null, tx);
}

/** Is the deployment still the node's owner, and still in one of `statuses`? Checked before each step. */
export async function stillOwns(nodeId: number, deploymentId: string, statuses: string[]): Promise<boolean> {
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Node" n JOIN "Deployment" d ON d."id" = n."activeDeploymentId"
      WHERE n."id" = ${nodeId} AND d."id" = ${deploymentId} AND d."status" = ANY(${statuses})
    ) AS ok`;
  return rows[0]?.ok ?? false;
}

/**
 * Hands a node directly from its holder to a new deployment inside the caller's transaction (the
 * caller holds the node row lock); used when a new deployment is created for a node nobody holds.
 */
export async function assignNode(tx: Prisma.TransactionClient, nodeId: number, deploymentId: string): Promise<boolean> {
  return compareAndSet(nodeId, null, deploymentId, tx);
}
