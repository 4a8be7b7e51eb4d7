import { createUserSchema } from '@/lib/auth/schemas';
import { createUser, listUsers } from '@/lib/auth/users';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'admin' }, async () => json({ users: await listUsers() }));

export const POST = route({ auth: 'admin' }, async (req, { audit }) => {
  const body = await parseBody(req, createUserSchema);
  const user = await createUser(body);
  await audit({ action: 'user.create', targetType: 'user', targetId: user.id, after: { email: user.email, role: user.role } });
  return json(user, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
