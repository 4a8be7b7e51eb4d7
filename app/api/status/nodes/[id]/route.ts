import { json, route } from '@/lib/http/route';
import { nodeStatusById } from '@/lib/status/node-status';
import { nodeIdParams } from '@/lib/status/schemas';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) =>
  json(await nodeStatusById(nodeIdParams.parse(params).id)),
);
