import { describe, expect, it } from 'vitest';
import { ipxeText, ipxeUrl } from './ipxe-text';

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
