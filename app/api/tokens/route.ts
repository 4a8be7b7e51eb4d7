import { listApiTokens, mintApiToken } from '@/lib/auth/api-tokens';
import { userIdentity } from '@/lib/auth/identity';
import { hasRole } from '@/lib/auth/roles';
import { createTokenSchema } from '@/lib/auth/schemas';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Own tokens; admins see everyone's. */
export const GET = route({ auth: 'viewer' }, async (_req, { identity }) => {
  const user = userIdentity(identity);
  return json({ tokens: await listApiTokens(hasRole(user.role, 'admin') ? {} : { userId: user.userId }) });
});

/** A new token for the caller (session, HTTP Basic email:password, or an admin's token); shown once. */
export const POST = route({ auth: 'viewer', basic: true }, async (req, { identity, audit }) => {
  const body = await parseBody(req, createTokenSchema);
  const created = await mintApiToken(userIdentity(identity), body);
  await audit({ action: 'token.create', targetType: 'token', targetId: created.id, after: { name: body.name, expiresAt: created.expiresAt.toISOString() } });
  return json(created, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
