import { json, parseBody, route } from '@/lib/http/route';
import { callerNodeId, receivePhaseCallback } from '@/lib/status/callbacks';
import { phaseCallbackSchema } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** A node reports an install phase (node token; body as in the Python original, docs/reference/original-detailed.md §1.4, plus progress/details). */
export const POST = route({ auth: 'node' }, async (req, { identity, audit }) => {
  const nodeId = callerNodeId(identity);
  const body = await parseBody(req, phaseCallbackSchema);
  const result = await receivePhaseCallback(nodeId, body, req.headers.get('idempotency-key'));
  if (result.recorded && (result.node.status === 'failed' || result.node.status === 'deployed')) {
    await audit({ action: `node.${result.node.status}`, targetType: 'node', targetId: nodeId, after: { phase: body.phase, message: body.message } });
  }
  return json({ message: 'Status updated successfully', recorded: result.recorded, node: result.node });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
