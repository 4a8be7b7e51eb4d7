import { actorLabel } from '@/lib/auth/identity';
import { listClusters } from '@/lib/clusters/queries';
import { createClusterRequest } from '@/lib/clusters/schemas';
import { requestCluster } from '@/lib/clusters/service';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async () => json({ clusters: await listClusters() }));

export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const body = await parseBody(req, createClusterRequest);
  const result = await requestCluster(body, actorLabel(identity));
  await audit({ action: 'cluster.create', targetType: 'cluster', targetId: result.id, after: { name: result.name, type: result.type, redundancyFactor: result.redundancyFactor, members: result.members.map((m) => m.id) } });
  return json(result, 202);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
