import { actorLabel } from '@/lib/auth/identity';
import { cleanupDeps } from '@/lib/cleanup/runtime';
import { deploymentIdParamSchema } from '@/lib/cleanup/schemas';
import { cleanupDeployment } from '@/lib/cleanup/targets';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { withItemStatuses } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = deploymentIdParamSchema.parse(params);
  const result = withItemStatuses(await cleanupDeployment(id, actorLabel(identity), cleanupDeps()));
  await audit({ action: 'cleanup.deployment', targetType: 'deployment', targetId: id, after: JSON.parse(JSON.stringify(result)) });
  const ok = result.nodes.every((n) => n.success);
  return json({ message: ok ? 'Cleanup started' : 'Cleanup started for some nodes only', ...result }, ok ? 202 : 207);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
