import { changedFields } from '@/lib/audit/diff';
import { idParamSchema, updateUserSchema } from '@/lib/auth/schemas';
import { freshSessionCookie } from '@/lib/auth/session';
import { deleteUser, getUser, updateUser } from '@/lib/auth/users';
import { json, parseBody, parseParams, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

type P = { id: string };

export const GET = route<P>({ auth: 'admin' }, async (_req, { params }) => json(await getUser(parseParams(params, idParamSchema).id)));

/**
 * Change name, role, disabled or password; the last enabled admin cannot be demoted or disabled.
 * A new password ends the user's sessions; one changing its own password gets a fresh cookie.
 */
export const PATCH = route<P>({ auth: 'admin' }, async (req, { params, audit, identity }) => {
  const { id } = parseParams(params, idParamSchema);
  const body = await parseBody(req, updateUserSchema);
  const { before, after } = await updateUser(id, body);
  const diff = changedFields(before, after, ['name', 'role', 'disabled']);
  if (body.password) diff.after = { ...diff.after, password: '(changed)' };
  await audit({ action: 'user.update', targetType: 'user', targetId: id, ...diff });
  const ownSession = body.password && identity.kind === 'user' && identity.via === 'session' && identity.userId === id;
  return json(after, ownSession ? { headers: { 'set-cookie': await freshSessionCookie(id) } } : 200);
});

export const DELETE = route<P>({ auth: 'admin' }, async (_req, { params, audit }) => {
  const { id } = parseParams(params, idParamSchema);
  const before = await deleteUser(id);
  await audit({ action: 'user.delete', targetType: 'user', targetId: id, before: { email: before.email, role: before.role } });
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = methodsNotAllowed({ GET, PATCH, DELETE });
