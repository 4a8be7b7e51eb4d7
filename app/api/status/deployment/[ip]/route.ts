import { json, route } from '@/lib/http/route';
import { nodeStatusByIp } from '@/lib/status/node-status';
import { serverIpParams } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The status object looked up by management IP (the Python original's "legacy" path, docs/reference/original-detailed.md §1.4). */
export const GET = route<{ ip: string }>({ auth: 'viewer' }, async (_req, { params }) =>
  json(await nodeStatusByIp(serverIpParams.parse(params).ip)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
