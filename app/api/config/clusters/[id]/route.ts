import { actorLabel } from '@/lib/auth/identity';
import { getCluster } from '@/lib/clusters/queries';
import { clusterIdParam, deleteClusterQuery } from '@/lib/clusters/schemas';
import { removeCluster } from '@/lib/clusters/service';
import { json, parseQuery, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const GET = route<Params>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = clusterIdParam.parse(params);
  return json(await getCluster(id));
});

export const DELETE = route<Params>({ auth: 'operator' }, async (req, { params, identity, audit }) => {
  const { id } = clusterIdParam.parse(params);
  const { force } = parseQuery(req, deleteClusterQuery);
  const result = await removeCluster(id, force, actorLabel(identity));
  await audit({ action: 'cluster.delete', targetType: 'cluster', targetId: id, before: { name: result.name, members: result.detached }, after: { force } });
  return json(result);
});

export const { POST, PUT, PATCH } = methodsNotAllowed({ GET, DELETE });
