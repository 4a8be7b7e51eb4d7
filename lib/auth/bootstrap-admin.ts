import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { hashPassword } from './passwords';

/**
 * First start with no users: create the admin from ADMIN_EMAIL / ADMIN_PASSWORD, or generate a
 * password and return it so the launcher can print it once.
 */
export async function ensureAdminUser(email: string, password?: string) {
  if ((await db.user.count()) > 0) return { created: false as const };
  const secret = password ?? randomBytes(12).toString('base64url');
  await db.user.create({
    data: { email: email.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash: await hashPassword(secret) },
  });
  return { created: true as const, email, generatedPassword: password ? undefined : secret };
}
