import { json, parseBody, route } from '@/lib/http/route';
import { callerNodeId } from '@/lib/status/callbacks';
import { receiveOverallStatus } from '@/lib/status/installer-callbacks';
import { installerStatusSchema } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The installer's overall status (node token): heartbeat, failure, or a phase report. */
export const POST = route({ auth: 'node' }, async (req, { identity }) => {
  const nodeId = callerNodeId(identity);
  const body = await parseBody(req, installerStatusSchema);
  return json({ message: 'Status received', ...(await receiveOverallStatus(nodeId, body)) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
