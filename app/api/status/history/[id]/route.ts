import { json, route } from '@/lib/http/route';
import { nodeHistoryById } from '@/lib/status/history';
import { nodeIdParams } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) =>
  json(await nodeHistoryById(nodeIdParams.parse(params).id)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
