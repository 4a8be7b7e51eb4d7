import { cloudClient } from '@/lib/cleanup/runtime';
import { nodeIdParamSchema } from '@/lib/cleanup/schemas';
import { validateNodeCleanup } from '@/lib/cleanup/validate';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = nodeIdParamSchema.parse(params);
  return json(await validateNodeCleanup(id, cloudClient()));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
