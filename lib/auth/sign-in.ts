import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { assertBelow, enforce, refund } from '@/lib/http/rate-limit';
import { rateLimits } from '@/lib/http/rate-limit-policies';
import { logger } from '@/lib/log/logger';
import type { ActiveUser } from './active-user';
import { hashPassword, verifyPassword } from './passwords';
import { isRole } from './roles';

// A hash of a random string at the configured cost: unknown emails take as long as known ones.
let dummyHash: Promise<string> | undefined;
function dummy() {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** The buckets one attempt is counted in: per address, and per (account, address). */
function attemptKeys(emailInput: string, ip: string | null) {
  const limits = rateLimits();
  const address = ip ?? 'unknown';
  return [
    { key: `signin:ip:${address}`, limit: limits.signInPerAddress },
    { key: `signin:account-ip:${normalizeEmail(emailInput)}|${address}`, limit: limits.signInPerAccountAddress },
  ];
}

function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

/** 429 before any work when this address (or this address at this account) has used up its failures. */
export async function assertSignInAllowed(email: string, ip: string | null) {
  for (const { key, limit } of attemptKeys(email, ip)) await assertBelow(key, limit);
}

/**
 * Checks an email and password (sign-in form and HTTP Basic). Every attempt is counted first,
 * atomically, so parallel guesses cannot slip past the limit; a successful one is given back.
 * Throws RateLimitedError once this address's budget of failures (at this account, or at all) is
 * spent; the same account from another address is unaffected.
 */
export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<ActiveUser | null> {
  const email = normalizeEmail(emailInput);
  const keys = attemptKeys(email, ip);
  for (const { key, limit } of keys) await enforce(key, limit);
  const row = email ? await db.user.findUnique({ where: { email } }) : null;
  const matches = await verifyPassword(password, row?.passwordHash ?? (await dummy()));
  if (!row || !matches || !row.passwordHash || row.disabled || !isRole(row.role)) {
    logger.warn({ email, ip, reason: !row ? 'unknown user' : row.disabled ? 'disabled' : 'bad password' }, 'sign-in failed');
    return null;
  }
  for (const { key } of keys) await refund(key);
  await db.user.update({ where: { id: row.id }, data: { lastLoginAt: new Date() } });
  return { userId: row.id, email: row.email, name: row.name, role: row.role };
}
