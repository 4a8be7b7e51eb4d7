import { json, readBodyText, route } from '@/lib/http/route';
import { reinitializeNode } from '@/lib/provisioning/reinitialize';
import { reinitializeTarget } from '@/lib/provisioning/reinitialize-target';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Body or query: `node_id` or `mgmt_ip` (the query wins, as in the Python original, docs/reference/original-detailed.md §1.2). */
export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const target = reinitializeTarget(Object.fromEntries(req.nextUrl.searchParams), await readBodyText(req));
  const result = await reinitializeNode(target, identity.kind === 'user' ? identity.email : undefined);
  await audit({ action: 'node.reinitialize', targetType: 'node', targetId: result.node_id, after: { deployment_id: result.deployment_id, ...target } });
  return json(result, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
