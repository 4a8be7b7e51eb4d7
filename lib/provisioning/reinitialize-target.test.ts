import { describe, expect, it } from 'vitest';
import { reinitializeTarget } from './reinitialize-target';

describe('reinitializeTarget', () => {
  it('takes node_id or mgmt_ip from the query first, else from the body', () => {
    expect(reinitializeTarget({ mgmt_ip: '10.240.0.9' }, '{"node_id": 3}')).toEqual({ mgmt_ip: '10.240.0.9' });
    expect(reinitializeTarget({}, '{"node_id": 3}')).toEqual({ node_id: 3 });
  });

  it('refuses a body that is not a JSON object as malformed, and no target as invalid', () => {
    expect(() => reinitializeTarget({}, '[3]')).toThrow(expect.objectContaining({ kind: 'malformed', details: { errors: [{ field: '(body)', message: 'invalid JSON' }] } }));
    expect(() => reinitializeTarget({}, '')).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});
