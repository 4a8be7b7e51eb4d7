import { describe, expect, it } from 'vitest';
import { parseBootQuery } from './boot-request';

const parse = (qs: string) => parseBootQuery(new URLSearchParams(qs));

describe('parseBootQuery', () => {
  it('reads node_id, mgmt_ip and token', () => {
    expect(parse('node_id=7&token=nvn_abc&mgmt_ip=10.240.0.12')).toEqual({
      ok: true,
      query: { nodeId: 7, mgmtIp: '10.240.0.12', token: 'nvn_abc' },
    });
  });

  it('treats a stray @ as a parameter separator, as the Python original did', () => {
    expect(parse('mgmt_ip=10.240.0.12@token=nvn_abc')).toEqual({
      ok: true,
      query: { mgmtIp: '10.240.0.12', token: 'nvn_abc' },
    });
  });

  it('names the field that is malformed', () => {
    expect(parse('node_id=abc&token=x')).toMatchObject({ ok: false, field: 'node_id' });
    expect(parse('mgmt_ip=10.0.0&token=x')).toMatchObject({ ok: false, field: 'mgmt_ip' });
  });
});
