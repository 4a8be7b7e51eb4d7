import { tokenChangeHeard } from '@/lib/auth/node-tokens';
import { db } from '@/lib/db/client';
import type { CleanupContext } from './context';
import { planNodeCleanup } from '@/lib/ledger/ledger';
import { planItems } from './plan';
import type { StepOutput } from '@/lib/ledger/teardown';

export class CleanupIncompleteError extends Error {
  constructor(readonly remaining: string[]) {
    super(`the ledger still lists ${remaining.length} live resource(s): ${remaining.slice(0, 5).join(', ')}`);
    this.name = 'CleanupIncompleteError';
  }
}

/**
 * Marks the node `cleaned` once its ledger holds nothing live. Its row, timeline, deployments and
 * ledger history stay; its addresses go back to the pool and its boot token stops working.
 */
export async function finalizeNode(_ctx: CleanupContext, nodeId: number): Promise<StepOutput> {
  const remaining = planItems(await planNodeCleanup(nodeId)).map((r) => `${r.kind} ${r.name}`);
  if (remaining.length > 0) throw new CleanupIncompleteError(remaining);
  const now = new Date();
  const tokenGone = tokenChangeHeard(nodeId);
  await db.$transaction([
    db.ipAllocation.updateMany({ where: { nodeId, releasedAt: null }, data: { releasedAt: now } }),
    db.node.update({
      where: { id: nodeId },
      data: { status: 'cleaned', phase: 'cleanup', statusMessage: 'Cleaned up: every cloud resource was deleted', bootTokenHash: null, bootTokenSealed: null },
    }),
  ]);
  await tokenGone;
  return { remaining: 0 };
}
