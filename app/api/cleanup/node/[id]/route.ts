import { actorLabel } from '@/lib/auth/identity';
import { cleanupDeps } from '@/lib/cleanup/runtime';
import { nodeIdParamSchema } from '@/lib/cleanup/schemas';
import { planSummary, startNodeCleanup } from '@/lib/cleanup/start';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = nodeIdParamSchema.parse(params);
  const started = await startNodeCleanup(id, actorLabel(identity), cleanupDeps().enqueueNode);
  const result = {
    message: started.created ? 'Cleanup started' : 'A cleanup of this node is already in progress',
    node_id: started.nodeId,
    node_name: started.nodeName,
    deployment_id: started.deploymentId,
    resources: planSummary(started.plan),
    monitoring_endpoint: `/api/cleanup/status?deployment_id=${started.deploymentId}`,
  };
  if (started.created) await audit({ action: 'cleanup.node', targetType: 'node', targetId: id, after: result });
  return json(result, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
