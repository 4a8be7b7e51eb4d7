import { revokeApiToken } from '@/lib/auth/api-tokens';
import { userIdentity } from '@/lib/auth/identity';
import { hasRole } from '@/lib/auth/roles';
import { idParamSchema } from '@/lib/auth/schemas';
import { parseParams, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Revokes one of the caller's tokens (admins: any token). */
export const DELETE = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params, identity, audit }) => {
  const { id } = parseParams(params, idParamSchema);
  const user = userIdentity(identity);
  const token = await revokeApiToken(id, { userId: user.userId, anyOwner: hasRole(user.role, 'admin') });
  await audit({ action: 'token.revoke', targetType: 'token', targetId: id, before: { name: token.name, owner: token.userEmail } });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed({ DELETE });
