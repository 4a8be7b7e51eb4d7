import { NextResponse, type NextRequest } from 'next/server';
import { edgeHeaders } from '@/lib/http/security-headers';

/**
 * Runs before every request (Next 16's "proxy", formerly middleware): a per-request CSP nonce,
 * security headers, CORS for CORS_ORIGINS on /api, and the request path for the console layout's
 * sign-in redirect. Authentication itself happens in route() and the console layout.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const edge = edgeHeaders(req);

  let res: NextResponse;
  if (edge.cors && req.method === 'OPTIONS') {
    res = new NextResponse(null, { status: 204 });
  } else {
    const headers = new Headers(req.headers);
    headers.set('x-nonce', edge.nonce);
    headers.set('content-security-policy', edge.csp);
    headers.set('x-request-path', pathname + search);
    res = NextResponse.next({ request: { headers } });
  }
  for (const [k, v] of Object.entries(edge.response)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Not for /boot/* (iPXE scripts, installer config, images: no pages, no CORS, the hot path of a
  // boot storm) nor the static assets.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|boot/).*)' }],
};
