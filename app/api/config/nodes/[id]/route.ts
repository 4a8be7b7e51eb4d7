import { json, route } from '@/lib/http/route';
import { getNodeDetail } from '@/lib/provisioning/queries';
import { nodeIdParamSchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The node page's data (polled every 2 s); the chain URL is not in it: see ./chain-url. */
export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = nodeIdParamSchema.parse(params);
  return json(await getNodeDetail(id));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
