import type { NextRequest } from 'next/server';
import { ForbiddenError, UnauthorizedError } from '@/lib/http/errors';
import { verifyApiToken } from './api-tokens';
import type { Identity, Requirement } from './identity';
import { nodeIdForToken } from './node-tokens';
import { hasRole } from './roles';

export function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/** The node token of a boot/callback request: `Authorization: Bearer` or the `token` query parameter. */
export function nodeTokenOf(req: NextRequest): string | null {
  const bearer = bearerToken(req);
  if (bearer?.startsWith('nvn_')) return bearer;
  return req.nextUrl.searchParams.get('token');
}

/** Who is calling, without deciding whether that is enough. */
export async function identify(req: NextRequest, requirement: Requirement): Promise<Identity> {
  if (requirement === 'node') {
    const nodeId = await nodeIdForToken(nodeTokenOf(req));
    return nodeId === null ? { kind: 'anonymous' } : { kind: 'node', nodeId };
  }
  const bearer = bearerToken(req);
  if (bearer) {
    const owner = await verifyApiToken(bearer);
    if (owner) return { kind: 'user', via: 'token', ...owner };
    return { kind: 'anonymous' };
  }
  return { kind: 'anonymous' };
}

/** Throws 401 without an identity and 403 with one that is not enough. */
export async function authenticate(req: NextRequest, requirement: Requirement): Promise<Identity> {
  if (requirement === 'public') return { kind: 'anonymous' };
  const who = await identify(req, requirement);
  if (requirement === 'node') {
    if (who.kind !== 'node') throw new ForbiddenError('A valid node token is required');
    return who;
  }
  if (who.kind !== 'user') throw new UnauthorizedError();
  if (!hasRole(who.role, requirement)) throw new ForbiddenError(`This action needs the ${requirement} role`);
  return who;
}
