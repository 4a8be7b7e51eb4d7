import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { clientIp } from '@/lib/http/client-ip';
import { problemFromError } from '@/lib/http/problem';
import { authOptions } from './auth-options';
import { assertSignInAllowed } from './sign-in';

type Segment = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's own handler (sign-in, callback, CSRF token, session, sign-out). A credentials
 * callback from an address that has spent its failed attempts (at that account, or at all) is
 * refused with 429 before next-auth runs, so brute force sees a plain Retry-After instead of
 * another password check.
 */
export function nextAuthHandler() {
  const handler = NextAuth(authOptions()) as (req: NextRequest, ctx: Segment) => Promise<Response>;
  return async (req: NextRequest, ctx: Segment): Promise<Response> => {
    const [action, provider] = (await ctx.params).nextauth ?? [];
    if (req.method === 'POST' && action === 'callback' && provider === 'credentials') {
      try {
        const form = await req.clone().formData().catch(() => null);
        await assertSignInAllowed(String(form?.get('email') ?? ''), clientIp(req.headers));
      } catch (err) {
        return problemFromError(err).response;
      }
    }
    return handler(req, ctx);
  };
}
