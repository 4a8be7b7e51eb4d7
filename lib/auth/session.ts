import { getToken } from 'next-auth/jwt';
import { activeUser, type ActiveUser } from './active-user';

/** Anything with the cookies of a request: NextRequest.cookies or next/headers cookies(). */
export interface CookieSource {
  getAll(): { name: string; value: string }[];
}

/** The signing secret of session cookies; the launcher sets it (scripts/runtime.ts). */
export function authSecret(): string | undefined {
  return process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || undefined;
}

/** The user id in a valid, unexpired next-auth JWT session cookie, or null. */
export async function sessionUserId(cookies: CookieSource): Promise<string | null> {
  const secret = authSecret();
  if (!secret) return null;
  // getToken also accepts a Bearer header as a JWT; we hand it cookies only, on purpose.
  const req = { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secret }).catch(() => null);
  return typeof token?.uid === 'string' ? token.uid : null;
}

/** The enabled user behind a session cookie, or null (no cookie, bad signature, disabled user). */
export async function sessionUser(cookies: CookieSource): Promise<ActiveUser | null> {
  const userId = await sessionUserId(cookies);
  return userId ? activeUser(userId) : null;
}
