import { describe, expect, it } from 'vitest';
import { ipxeText, ipxeUrl, parseBootQuery } from './ipxe-script';

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

describe('ipxeText', () => {
  it('strips iPXE expansion, operators, comments and line breaks from data', () => {
    expect(ipxeText('node-1 ${net0/mac} || shell\n#x && exit')).toBe('node-1 net0/mac  shell\nx  exit'.replace('\n', ''));
  });

  it('falls back when nothing is left', () => {
    expect(ipxeText(null)).toBe('-');
    expect(ipxeText('$$$', 'n/a')).toBe('n/a');
  });

  it('keeps a chain URL with its query intact', () => {
    const url = 'http://10.0.2.100/boot/config?node_id=3&token=nvn_Ab-_9';
    expect(ipxeUrl(url)).toBe(url);
    expect(ipxeUrl('http://x/${evil}\nshell')).toBe('http://x/evilshell');
  });
});
