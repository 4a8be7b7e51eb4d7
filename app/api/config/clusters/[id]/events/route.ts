import { clusterEvents, getCluster } from '@/lib/clusters/queries';
import { clusterIdParam } from '@/lib/clusters/schemas';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = clusterIdParam.parse(params);
  await getCluster(id);
  return json({ events: await clusterEvents(id) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
