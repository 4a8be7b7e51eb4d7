import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { bearerToken, identify } from '@/lib/auth/authenticate';
import { hasRole } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { ipAllowed } from '@/lib/http/ip-allow';

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/**
 * Who may scrape /api/metrics: a caller presenting METRICS_TOKEN as a Bearer token, a source
 * address in METRICS_ALLOW (IPs or IPv4 CIDRs), or an admin (session or API token).
 * Throws 401 without any of these, 403 for a signed-in non-admin.
 */
export async function authorizeMetricsScrape(req: NextRequest, sourceIp: string | null): Promise<void> {
  const { METRICS_TOKEN, METRICS_ALLOW } = getConfig();
  const bearer = bearerToken(req);
  if (METRICS_TOKEN && bearer && sameSecret(bearer, METRICS_TOKEN)) return;
  if (sourceIp && ipAllowed(sourceIp, METRICS_ALLOW)) return;
  const who = await identify(req, 'admin');
  if (who.kind !== 'user') throw new UnauthenticatedError('Send the metrics token, scrape from an allowed address, or sign in as an admin');
  if (!hasRole(who.role, 'admin')) throw new ForbiddenError('Metrics need the admin role, the metrics token or an allowed address');
}
