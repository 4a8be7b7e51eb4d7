import { json, parseBody, parseQuery, route } from '@/lib/http/route';
import { defaultDeps } from '@/lib/provisioning/context';
import { provisionNodes } from '@/lib/provisioning/provision';
import { listNodes } from '@/lib/provisioning/queries';
import { dryRunQuerySchema, listNodesQuerySchema, provisionRequestSchema } from '@/lib/provisioning/schemas';
import { provisionResponse } from '@/lib/http/provision-response';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async (req) => json(await listNodes(parseQuery(req, listNodesQuerySchema))));

export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const { dry_run } = parseQuery(req, dryRunQuerySchema);
  const body = await parseBody(req, provisionRequestSchema);
  const requestedBy = identity.kind === 'user' ? identity.email : undefined;
  const result = await provisionNodes(body, { dryRun: dry_run, requestedBy }, defaultDeps());
  if (!result.dry_run) {
    for (const n of result.accepted) {
      await audit({ action: 'node.provision', targetType: 'node', targetId: n.node_id, after: { ...body, node_name: n.node_name, deployment_id: n.deployment_id } });
    }
  }
  const { status, payload } = provisionResponse(result, body.count > 1);
  return json(payload, status);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
