import { actorLabel } from '@/lib/auth/identity';
import { clusterIdParam } from '@/lib/clusters/schemas';
import { retryClusterFormation } from '@/lib/clusters/service';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = clusterIdParam.parse(params);
  const result = await retryClusterFormation(id, actorLabel(identity));
  await audit({ action: 'cluster.retry', targetType: 'cluster', targetId: id, after: { deploymentId: result.deployment_id } });
  return json(result, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
