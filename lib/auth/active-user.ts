import { db } from '@/lib/db/client';
import { isRole, type Role } from './roles';

export interface ActiveUser {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * The user behind a session, read fresh on every request so that disabling a user or changing
 * their role takes effect at once, even for JWT sessions issued earlier. `signedInAt` (seconds,
 * the session's `authAt` claim): sessions from before the user's last password change are over.
 */
export async function activeUser(userId: string, signedInAt?: number): Promise<ActiveUser | null> {
  const row = await db.user.findUnique({ where: { id: userId } });
  if (!row || row.disabled || !isRole(row.role)) return null;
  if (signedInAt !== undefined && row.sessionsValidFrom && signedInAt < Math.floor(row.sessionsValidFrom.getTime() / 1000)) return null;
  return { userId: row.id, email: row.email, name: row.name, role: row.role };
}

export async function activeUserByEmail(email: string): Promise<ActiveUser | null> {
  const row = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return row ? activeUser(row.id) : null;
}
