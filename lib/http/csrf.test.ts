import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/errors';
import { assertSameOrigin, requestOrigin } from './csrf';

const req = (method: string, headers: Record<string, string> = {}) => new Request('http://app.local:3000/api/x', { method, headers });

describe('assertSameOrigin', () => {
  it('lets reads through without any Origin', () => {
    expect(() => assertSameOrigin(req('GET'))).not.toThrow();
  });

  it('accepts a change from our own origin, as seen through a proxy too', () => {
    expect(() => assertSameOrigin(req('POST', { origin: 'http://app.local:3000' }))).not.toThrow();
    const proxied = req('DELETE', { origin: 'https://orch.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'orch.example' });
    expect(requestOrigin(proxied)).toBe('https://orch.example');
    expect(() => assertSameOrigin(proxied)).not.toThrow();
    expect(() => assertSameOrigin(req('PATCH', { origin: 'https://public.example' }), ['https://public.example'])).not.toThrow();
  });

  it('refuses another origin, and a change with neither Origin nor same-origin fetch metadata', () => {
    expect(() => assertSameOrigin(req('POST', { origin: 'https://evil.example' }))).toThrow(ForbiddenError);
    expect(() => assertSameOrigin(req('POST'))).toThrow(ForbiddenError);
    expect(() => assertSameOrigin(req('POST', { 'sec-fetch-site': 'cross-site' }))).toThrow(ForbiddenError);
    expect(() => assertSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin' }))).not.toThrow();
  });
});
