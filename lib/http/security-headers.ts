import { corsOrigins, isDevelopment } from '@/lib/config/runtime';
import { clientProtocol } from './client-ip';

/** Response headers every answer carries (pages, API, boot); pure so that tests can call it. */
export function contentSecurityPolicy(nonce: string, { dev = false, tls = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Carbon renders style attributes (e.g. positioning of menus): those need 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(tls ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** TLS as the browser saw it: nginx terminates TLS and says so (believed from TRUSTED_PROXIES only). */
export function cameOverTls(req: Request, trusted?: readonly string[]): boolean {
  return clientProtocol(req, trusted) === 'https';
}

export function securityHeaders(csp: string, tls: boolean): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(tls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** CORS for the JSON API, only for origins listed in CORS_ORIGINS; token auth only (no cookies). */
export function corsHeaders(origin: string | null, allowed: string[]): Record<string, string> | null {
  if (!origin || !(allowed.includes(origin) || allowed.includes('*'))) return null;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, x-request-id',
    'access-control-expose-headers': 'retry-after, x-request-id, location',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/**
 * What proxy.ts adds to an answer outside /boot: a fresh CSP nonce (pages pass it on to React
 * through the request), the security headers, and CORS for /api. The server's fast lane
 * (lib/server/fast-lane.ts) adds the same to the routes it answers without Next.
 */
export function edgeHeaders(req: Request & { nextUrl: URL }): { nonce: string; csp: string; cors: boolean; response: Record<string, string> } {
  const tls = cameOverTls(req);
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, { dev: isDevelopment(), tls });
  const cors = req.nextUrl.pathname.startsWith('/api/') ? corsHeaders(req.headers.get('origin'), corsOrigins()) : null;
  return { nonce, csp, cors: cors !== null, response: { ...securityHeaders(csp, tls), ...cors } };
}
