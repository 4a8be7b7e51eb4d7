import { getConfig } from '@/lib/config';
import { hasRole } from '@/lib/auth/roles';
import { json, route } from '@/lib/http/route';
import { getNodeDetail } from '@/lib/provisioning/queries';
import { nodeIdParamSchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params, identity }) => {
  const { id } = nodeIdParamSchema.parse(params);
  const admin = identity.kind === 'user' && hasRole(identity.role, 'admin');
  return json(await getNodeDetail(id, { withChainUrl: admin, publicBaseUrl: getConfig().publicBaseUrl }));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
