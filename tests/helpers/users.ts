import { createApiToken } from '@/lib/auth/api-tokens';
import { hashPassword } from '@/lib/auth/passwords';
import type { Role } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';

/** A user with the given role and a live API token for it. */
export async function userWithToken(role: Role, email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`) {
  const user = await db.user.create({ data: { email, role, passwordHash: await hashPassword('correct horse battery') } });
  const { token } = await createApiToken(user.id, 'test', 1);
  return { user, token };
}
