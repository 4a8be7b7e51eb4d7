import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-path';

describe('safeCallbackPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackPath('/nodes?status=failed')).toBe('/nodes?status=failed');
  });

  it('refuses absolute and protocol-relative URLs (open redirect)', () => {
    for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeCallbackPath(evil)).toBe('/');
    }
  });
});
