import { getConfig } from '@/lib/config';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import type { UserIdentity } from './identity';
import { db } from '@/lib/db/client';
import { isRole, type Role } from './roles';
import { hashSecret, newSecret } from './secrets';

export interface TokenOwner {
  tokenId: string;
  userId: string;
  email: string;
  role: Role;
}

/** Creates an API token for a user; the plaintext is returned once and only its hash is stored. */
export async function createApiToken(userId: string, name: string, ttlDays: number, notAfter?: Date) {
  const token = newSecret('nvo');
  const wanted = Date.now() + ttlDays * 86_400_000;
  // Capped at an absolute time, not a lifetime computed a moment earlier: those milliseconds would outlive it.
  const expiresAt = new Date(notAfter ? Math.min(wanted, notAfter.getTime()) : wanted);
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashSecret(token), prefix: token.slice(0, 8), expiresAt },
  });
  return { id: row.id, token, expiresAt };
}

/**
 * A token for the caller. Lifetimes are capped at API_TOKEN_MAX_TTL_DAYS (422 naming
 * `expiresInDays` beyond it). Minting from a Bearer token needs an admin, and the new token may
 * not outlive the one that made it (422 when asked to, capped when no lifetime is named): a leaked
 * token cannot perpetuate itself.
 */
export async function mintApiToken(caller: UserIdentity, input: { name: string; expiresInDays?: number }) {
  const { API_TOKEN_TTL_DAYS, API_TOKEN_MAX_TTL_DAYS } = getConfig();
  if (caller.via === 'token' && caller.role !== 'admin') {
    throw new ForbiddenError('Creating a token with a token needs the admin role; sign in or use HTTP Basic');
  }
  let days = input.expiresInDays ?? Math.min(API_TOKEN_TTL_DAYS, API_TOKEN_MAX_TTL_DAYS);
  if (days > API_TOKEN_MAX_TTL_DAYS) {
    throw new ValidationError('The token lifetime is too long', [{ field: 'expiresInDays', message: `at most ${API_TOKEN_MAX_TTL_DAYS} days (API_TOKEN_MAX_TTL_DAYS)` }]);
  }
  if (caller.via === 'token' && caller.tokenId) {
    const parent = await db.apiToken.findUnique({ where: { id: caller.tokenId }, select: { expiresAt: true } });
    const parentDays = parent?.expiresAt ? (parent.expiresAt.getTime() - Date.now()) / 86_400_000 : Infinity;
    if (days > parentDays && input.expiresInDays !== undefined) {
      throw new ValidationError('The token would outlive the token creating it', [{ field: 'expiresInDays', message: `at most ${Math.floor(parentDays)} days (the creating token expires ${parent!.expiresAt!.toISOString()})` }]);
    }
    return createApiToken(caller.userId, input.name, days, parent?.expiresAt ?? undefined);
  }
  return createApiToken(caller.userId, input.name, days);
}

/** The owner of a live token, or null for unknown, revoked, expired tokens and disabled users. */
export async function verifyApiToken(token: string): Promise<TokenOwner | null> {
  if (!token.startsWith('nvo_')) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { user: true },
  });
  if (!row || row.revokedAt || row.user.disabled || !isRole(row.user.role)) return null;
  if (row.expiresAt && row.expiresAt.getTime() < Date.now()) return null;
  // lastUsedAt is informational: update it at most once a minute to keep hot paths cheap.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, userId: row.userId, email: row.user.email, role: row.user.role };
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  userEmail: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Tokens (never their hashes): one user's, or everyone's when userId is omitted. */
export async function listApiTokens(filter: { userId?: string } = {}): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: filter.userId },
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(({ tokenHash: _hash, user, ...row }) => ({ ...row, userEmail: user.email }));
}

/**
 * Revokes a token the caller may manage (its own; any when `anyOwner`). Someone else's token
 * answers like an unknown one, so ids cannot be probed. Returns the token as it was.
 */
export async function revokeApiToken(id: string, caller: { userId: string; anyOwner: boolean }): Promise<TokenView> {
  const [token] = (await listApiTokensById(id)).filter((t) => caller.anyOwner || t.userId === caller.userId);
  if (!token) throw new NotFoundError(`No API token ${id}`);
  if (!token.revokedAt) await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  return token;
}

async function listApiTokensById(id: string): Promise<TokenView[]> {
  const row = await db.apiToken.findUnique({ where: { id }, include: { user: { select: { email: true } } } });
  if (!row) return [];
  const { tokenHash: _hash, user, ...rest } = row;
  return [{ ...rest, userEmail: user.email }];
}
