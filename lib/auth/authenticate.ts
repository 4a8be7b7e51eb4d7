import type { NextRequest } from 'next/server';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { verifyApiToken } from './api-tokens';
import type { Identity, Requirement } from './identity';
import { assertAuthFailuresBelow, countAuthFailure } from './auth-failures';
import { nodeIdForToken } from './node-tokens';
import { hasRole } from './roles';
import { activeUser } from './active-user';
import { readSessionCookie } from './session';
import { signInWithPassword } from './sign-in';

export interface AuthOptions {
  /** Accept HTTP Basic email:password (only POST /api/tokens, to obtain a token). */
  basic?: boolean;
}

export function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/** Email and password of an `Authorization: Basic` header, or null. */
export function basicCredentials(req: Request): { email: string; password: string } | null {
  const match = req.headers.get('authorization')?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The node token of a boot/callback request: `Authorization: Bearer` or the `token` query parameter. */
export function nodeTokenOf(req: NextRequest): string | null {
  const bearer = bearerToken(req);
  if (bearer?.startsWith('nvn_')) return bearer;
  return req.nextUrl.searchParams.get('token');
}

/**
 * Who is calling, without deciding whether that is enough: a node (boot token), a user by API
 * token, by HTTP Basic where allowed, or by the next-auth session cookie.
 */
export async function identify(req: NextRequest, requirement: Requirement, opts: AuthOptions = {}): Promise<Identity> {
  if (requirement === 'node') {
    const token = nodeTokenOf(req);
    const nodeId = await nodeIdForToken(token);
    if (nodeId !== null) return { kind: 'node', nodeId };
    return token ? { kind: 'anonymous', rejected: 'node' } : { kind: 'anonymous' };
  }
  const bearer = bearerToken(req);
  if (bearer) {
    const owner = await verifyApiToken(bearer);
    return owner ? { kind: 'user', via: 'token', ...owner } : { kind: 'anonymous', rejected: 'token' };
  }
  const basic = opts.basic ? basicCredentials(req) : null;
  if (basic) {
    // Wrong passwords are already counted by the sign-in limits (lib/auth/sign-in.ts).
    const user = await signInWithPassword(basic.email, basic.password, clientIp(req.headers));
    return user ? { kind: 'user', via: 'basic', userId: user.userId, email: user.email, role: user.role } : { kind: 'anonymous' };
  }
  if (req.headers.has('authorization')) return { kind: 'anonymous', rejected: 'token' };
  const session = await readSessionCookie(req.cookies);
  if (session.state === 'invalid') return { kind: 'anonymous', rejected: 'session' };
  const user = session.state === 'valid' ? await activeUser(session.userId, session.signedInAt) : null;
  return user ? { kind: 'user', via: 'session', userId: user.userId, email: user.email, role: user.role } : { kind: 'anonymous' };
}

/**
 * Throws 401 without an identity and 403 with one that is not enough. Refused credentials count
 * against the caller's address; past the limit the answer is 429 (lib/auth/auth-failures.ts).
 */
export async function authenticate(req: NextRequest, requirement: Requirement, opts: AuthOptions = {}): Promise<Identity> {
  if (requirement === 'public') return { kind: 'anonymous' };
  const ip = clientIp(req.headers);
  assertAuthFailuresBelow(ip);
  const who = await identify(req, requirement, opts);
  if (who.kind === 'anonymous' && who.rejected) await countAuthFailure(ip);
  if (requirement === 'node') {
    if (who.kind !== 'node') throw new ForbiddenError('A valid node token is required');
    return who;
  }
  if (who.kind !== 'user') throw new UnauthenticatedError();
  if (!hasRole(who.role, requirement)) throw new ForbiddenError(`This action needs the ${requirement} role`);
  return who;
}
