import { json, parseBody, route } from '@/lib/http/route';
import { callerNodeId } from '@/lib/status/callbacks';
import { receiveInstallerStatus } from '@/lib/status/installer-callbacks';
import { installationStatusSchema } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The Python original's installer's numbered phases (docs/reference/original-detailed.md §1.4) (1-8), log lines (-1) and errors (node token). */
export const POST = route({ auth: 'node' }, async (req, { identity }) => {
  const nodeId = callerNodeId(identity);
  const body = await parseBody(req, installationStatusSchema);
  return json({ message: 'Status update received successfully', ...(await receiveInstallerStatus(nodeId, body)) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
