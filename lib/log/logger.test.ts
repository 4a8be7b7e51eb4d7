import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger';

describe('redactUrl', () => {
  it('removes token query values and bare node or API tokens', () => {
    expect(redactUrl('/boot/config?node_id=1&token=abc123')).toBe('/boot/config?node_id=1&token=[REDACTED]');
    expect(redactUrl('failed to parse http://h/boot/server/1?x=1 nvn_ZfuM_V6afoN7l50gAC8')).not.toContain('nvn_ZfuM');
    expect(redactUrl('Bearer nvo_abcdefghijkl')).toBe('Bearer [REDACTED]');
  });
});
