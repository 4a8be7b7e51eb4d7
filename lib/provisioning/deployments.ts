import type { Prisma } from '@/lib/db/client';
import { WORKFLOWS } from './workflow';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

/** A new deployment of `kind` for a node, with its ordered steps all pending. */
export function createDeployment(
  tx: Prisma.TransactionClient,
  input: { kind: 'provision' | 'reinitialize'; nodeId: number; requestedBy?: string; plan?: Prisma.InputJsonValue },
) {
  return tx.deployment.create({
    data: {
      kind: input.kind,
      nodeId: input.nodeId,
      requestedBy: input.requestedBy,
      plan: input.plan,
      steps: { create: WORKFLOWS[input.kind].map((s, position) => ({ name: s.name, position })) },
    },
  });
}

/** Ends a node's unfinished deployments (a new one supersedes them). */
export function cancelOpenDeployments(tx: Prisma.TransactionClient, nodeId: number, reason: string) {
  return tx.deployment.updateMany({
    where: { nodeId, status: { in: OPEN_DEPLOYMENT_STATUSES } },
    data: { status: 'cancelled', error: reason, finishedAt: new Date() },
  });
}

