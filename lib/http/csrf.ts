import { ForbiddenError } from '@/lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin the browser saw: behind a proxy, X-Forwarded-Proto/Host describe it. */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.replace(':', '');
  const host = req.headers.get('x-forwarded-host')?.split(',')[0].trim() || req.headers.get('host') || url.host;
  return `${proto}://${host}`;
}

/**
 * CSRF defence for cookie-authenticated mutations: the browser's Origin (or, failing that,
 * Sec-Fetch-Site) must say the request comes from our own pages. Bearer and Basic callers never
 * reach this check, since a browser does not attach those by itself.
 */
export function assertSameOrigin(req: Request, extraOrigins: string[] = []): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get('origin');
  if (origin) {
    if (origin === requestOrigin(req) || extraOrigins.includes(origin)) return;
    throw new ForbiddenError('Cross-site request refused (Origin does not match this site)');
  }
  if (req.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new ForbiddenError('Cross-site request refused (no Origin header on a cookie-authenticated change)');
}
