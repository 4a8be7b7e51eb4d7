import { db } from '@/lib/db/client';
import { COUNTED_NODE_STATUSES } from './node-statuses';

/** Number of nodes per status, with every known status present (zero when none). */
export async function countNodesByStatus(): Promise<Record<string, number> & { total: number }> {
  const groups = await db.node.groupBy({ by: ['status'], _count: { _all: true } });
  const counts: Record<string, number> = Object.fromEntries(COUNTED_NODE_STATUSES.map((s) => [s, 0]));
  for (const g of groups) counts[g.status] = g._count._all;
  return { ...counts, total: groups.reduce((sum, g) => sum + g._count._all, 0) };
}
