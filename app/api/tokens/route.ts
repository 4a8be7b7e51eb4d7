import { createApiToken, listApiTokens } from '@/lib/auth/api-tokens';
import { userIdentity } from '@/lib/auth/identity';
import { hasRole } from '@/lib/auth/roles';
import { createTokenSchema } from '@/lib/auth/schemas';
import { getConfig } from '@/lib/config';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Own tokens; admins see everyone's. */
export const GET = route({ auth: 'viewer' }, async (_req, { identity }) => {
  const user = userIdentity(identity);
  return json({ tokens: await listApiTokens(hasRole(user.role, 'admin') ? {} : { userId: user.userId }) });
});

/** A new token for the caller (session, API token, or HTTP Basic email:password); shown once. */
export const POST = route({ auth: 'viewer', basic: true }, async (req, { identity, audit }) => {
  const body = await parseBody(req, createTokenSchema);
  const user = userIdentity(identity);
  const created = await createApiToken(user.userId, body.name, body.expiresInDays ?? getConfig().API_TOKEN_TTL_DAYS);
  await audit({ action: 'token.create', targetType: 'token', targetId: created.id, after: { name: body.name, expiresAt: created.expiresAt.toISOString() } });
  return json(created, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
