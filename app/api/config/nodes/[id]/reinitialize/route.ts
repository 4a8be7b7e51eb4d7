import { json, route } from '@/lib/http/route';
import { reinitializeNode } from '@/lib/provisioning/reinitialize';
import { nodeIdParamSchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Deprecated alias of POST /api/reinitialize (kept from the Python original's API, docs/reference/original-detailed.md §1.2). */
export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = nodeIdParamSchema.parse(params);
  const result = await reinitializeNode({ node_id: id }, identity.kind === 'user' ? identity.email : undefined);
  await audit({ action: 'node.reinitialize', targetType: 'node', targetId: result.node_id, after: { deployment_id: result.deployment_id } });
  return json(result, {
    status: 202,
    headers: { deprecation: 'true', link: '</api/reinitialize>; rel="successor-version"' },
  });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
