import { describe, expect, it } from 'vitest';
import { cameOverTls, contentSecurityPolicy, corsHeaders, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('builds a nonce CSP that denies framing and upgrades only over TLS', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('abc', { tls: true })).toContain('upgrade-insecure-requests');
  });

  it('sends HSTS only when the request came over TLS', () => {
    expect(securityHeaders('x', false)).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders('x', true)['strict-transport-security']).toMatch(/max-age=\d+/);
    const viaNginx = { 'x-nvo-peer-addr': '10.9.0.2', 'x-forwarded-proto': 'https' };
    expect(cameOverTls(new Request('http://a/', { headers: viaNginx }), ['10.9.0.2'])).toBe(true);
    expect(cameOverTls(new Request('http://a/', { headers: viaNginx }), [])).toBe(false);
    expect(cameOverTls(new Request('http://a/'), [])).toBe(false);
  });

  it('answers CORS only for configured origins', () => {
    expect(corsHeaders('https://ui.example', ['https://ui.example'])?.['access-control-allow-origin']).toBe('https://ui.example');
    expect(corsHeaders('https://evil.example', ['https://ui.example'])).toBeNull();
    expect(corsHeaders(null, ['https://ui.example'])).toBeNull();
    expect(corsHeaders('https://ui.example', [])).toBeNull();
  });
});
