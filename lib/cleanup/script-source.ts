import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import { planNodeCleanup } from '@/lib/ledger/ledger';
import { renderCleanupScript, type ScriptSettings } from './script';
import { nodesOfDeployment } from './start';

/**
 * The manual cleanup script for a node id or a deployment id (its node or its cluster's members),
 * listing exactly what their ledgers still hold.
 */
export async function cleanupScriptFor(id: number | string, settings: Omit<ScriptSettings, 'title' | 'generatedAt'>) {
  const nodeIds = typeof id === 'number' ? [id] : await nodesOfDeployment(id);
  const nodes = await db.node.findMany({ where: { id: { in: nodeIds } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  if (typeof id === 'number' && nodes.length === 0) throw new NotFoundError(`Node ${id} does not exist`);
  const targets = [];
  for (const node of nodes) targets.push({ label: `node ${node.name} (id ${node.id})`, plan: await planNodeCleanup(node.id) });
  const what = typeof id === 'number' ? `node ${nodes[0].name} (id ${id})` : `deployment ${id}`;
  const text = renderCleanupScript(targets, { ...settings, title: `Manual cleanup of ${what}`, generatedAt: new Date() });
  return { filename: `cleanup-${String(id).replace(/[^A-Za-z0-9-]/g, '')}.sh`, text };
}
