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

function attemptKeys(email: string, ip: string | null) {
  const limits = rateLimits();
  return [
    { key: `signin:ip:${ip ?? 'unknown'}`, limit: limits.signInPerIp },
    { key: `signin:account:${email}`, limit: limits.signInPerAccount },
  ];
}

/** 429 before any work when this IP has already used up its failed attempts. */
export async function assertSignInAllowed(ip: string | null) {
  const [perIp] = attemptKeys('', ip);
  await assertBelow(perIp.key, perIp.limit);
}

/**
 * Checks an email and password (sign-in form and HTTP Basic). Every attempt is counted first,
 * atomically, so parallel guesses cannot slip past the limit; a successful one is given back.
 * Throws RateLimitedError once the per-IP or per-account budget of failures is spent.
 */
export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<ActiveUser | null> {
  const email = emailInput.trim().toLowerCase();
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
