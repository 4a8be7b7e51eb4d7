/**
 * The caller's address. Behind nginx (TRUST_PROXY) X-Real-IP, else the last X-Forwarded-For hop,
 * which is the one the proxy itself appended. Without a proxy, `next start` fills
 * X-Forwarded-For from the socket only when the client did not send one, so the value is a best
 * effort there: per-account limits (lib/auth/sign-in-limits.ts) back the per-IP ones up.
 */
export function clientIp(headers: Headers, trustProxy = isTrue(process.env.TRUST_PROXY)): string | null {
  if (trustProxy) {
    const real = headers.get('x-real-ip')?.trim();
    if (real) return real;
  }
  const hops = headers.get('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean) ?? [];
  return hops.at(-1) ?? headers.get('x-real-ip')?.trim() ?? null;
}

function isTrue(value: string | undefined) {
  return value === 'true' || value === '1' || value === 'yes' || value === 'on';
}
