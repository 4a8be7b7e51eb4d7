import type { Identity, Requirement } from '@/lib/auth/identity';
import { getConfig } from '@/lib/config';
import { enforceLocal, type Limit } from './rate-limit';

/** The limits in force, from configuration (RATE_LIMIT_* variables). */
export function rateLimits() {
  const c = getConfig();
  const minute = (limit: number): Limit => ({ limit, windowSeconds: 60 });
  const signInWindow = c.RATE_LIMIT_SIGNIN_WINDOW_SECONDS;
  return {
    /** Failed password attempts at one account from one address (sign-in form and HTTP Basic). */
    signInPerAccountAddress: { limit: c.RATE_LIMIT_SIGNIN_FAILURES, windowSeconds: signInWindow },
    /**
     * Failed password attempts from one address, whatever the account. Never per account alone:
     * that would let anyone lock the admin out by guessing wrong on purpose.
     */
    signInPerAddress: { limit: c.RATE_LIMIT_SIGNIN_FAILURES * 4, windowSeconds: signInWindow },
    /** Refused API tokens, node tokens and forged session cookies per address (lib/auth/auth-failures.ts). */
    authFailures: minute(c.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE),
    api: minute(c.RATE_LIMIT_API_PER_MINUTE),
    /** Generous: a rack of nodes boots at once and each fetches script, config and images. */
    boot: minute(c.RATE_LIMIT_BOOT_PER_MINUTE),
    public: minute(c.RATE_LIMIT_PUBLIC_PER_MINUTE),
  };
}

/**
 * The per-caller limit every route() applies after authentication: per user (all of a user's
 * tokens and sessions share it), per node for boot tokens, per IP for public routes. Counted in
 * memory per server process (lib/http/rate-limit.ts consumeLocal): no database work per request.
 */
export async function enforceRequestLimit(identity: Identity, requirement: Requirement, ip: string | null, path = '') {
  const limits = rateLimits();
  if (identity.kind === 'user') return enforceLocal(`api:user:${identity.userId}`, limits.api);
  if (identity.kind === 'node') return enforceLocal(`boot:node:${identity.nodeId}`, limits.boot);
  if (requirement !== 'public' || !ip) return;
  // /boot/config checks its token itself (public route): boot-sized budget, per address.
  if (path.startsWith('/boot/')) return enforceLocal(`boot:ip:${ip}`, limits.boot);
  return enforceLocal(`public:ip:${ip}`, limits.public);
}
