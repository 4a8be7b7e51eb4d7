import { decode, encode, getToken } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import { sessionCookieSecure } from '@/lib/config/runtime';
import { activeUser, type ActiveUser } from './active-user';

/** Anything with the cookies of a request: NextRequest.cookies or next/headers cookies(). */
export interface CookieSource {
  getAll(): { name: string; value: string }[];
}

/** The signing secret of session cookies (lib/config; the launcher fills it in, scripts/runtime.ts). */
export function authSecret(): string | undefined {
  return getConfig().authSecret;
}

/**
 * What the session cookie says: none sent, expired (authentic but old: not an attack), invalid
 * (forged, or sealed with another secret), or valid with its user and issue time.
 */
export type SessionCookie =
  | { state: 'none' | 'expired' | 'invalid' }
  | { state: 'valid'; userId: string; signedInAt: number };

export async function readSessionCookie(cookies: CookieSource): Promise<SessionCookie> {
  const secret = authSecret();
  // getToken also accepts a Bearer header as a JWT; we hand it cookies only, on purpose.
  const req = { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const raw = (await getToken({ req, secret, raw: true }).catch(() => null)) as string | null;
  if (!raw) return { state: 'none' };
  if (!secret) return { state: 'invalid' };
  try {
    const token = await decode({ token: raw, secret });
    if (typeof token?.uid !== 'string') return { state: 'invalid' };
    // authAt is set once at sign-in (lib/auth/auth-options.ts); iat moves on every refresh.
    return { state: 'valid', userId: token.uid, signedInAt: typeof token.authAt === 'number' ? token.authAt : 0 };
  } catch (err) {
    return { state: (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
}

/** The enabled user behind a session cookie, or null (no cookie, bad signature, disabled user). */
export async function sessionUser(cookies: CookieSource): Promise<ActiveUser | null> {
  const session = await readSessionCookie(cookies);
  return session.state === 'valid' ? activeUser(session.userId, session.signedInAt) : null;
}

/**
 * A fresh session cookie for a user (Set-Cookie value), signed in now: how the session that
 * changed its own password stays signed in while the user's other sessions end.
 */
export async function freshSessionCookie(userId: string): Promise<string> {
  const secret = authSecret();
  if (!secret) throw new Error('AUTH_SECRET is not set');
  const maxAge = getConfig().SESSION_MAX_AGE_HOURS * 3600;
  const secure = sessionCookieSecure();
  const name = secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const value = await encode({ token: { uid: userId, sub: userId, authAt: Math.floor(Date.now() / 1000) }, secret, maxAge });
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}
