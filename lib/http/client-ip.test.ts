import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('uses the last X-Forwarded-For hop (the one the nearest proxy appended), not the first', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 198.51.100.4' }), false)).toBe('198.51.100.4');
  });

  it('prefers X-Real-IP behind a trusted proxy', () => {
    const headers = new Headers({ 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '6.6.6.6, 10.0.0.1' });
    expect(clientIp(headers, true)).toBe('203.0.113.9');
  });

  it('is null when nothing says', () => {
    expect(clientIp(new Headers(), false)).toBeNull();
  });
});
