import { describe, expect, it } from 'vitest';
import { clientIp, clientProtocol } from './client-ip';
import { PEER_HEADER } from './peer-address';

const from = (peer: string | null, headers: Record<string, string> = {}) =>
  new Headers({ ...(peer ? { [PEER_HEADER]: peer } : {}), ...headers });
const NGINX = ['10.9.0.2'];

describe('clientIp', () => {
  it('is the TCP peer when no proxy is trusted, whatever forwarding headers the client sent', () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6, 198.51.100.4', 'x-real-ip': '7.7.7.7' };
    expect(clientIp(from('203.0.113.5', spoofed), [])).toBe('203.0.113.5');
    expect(clientIp(from('::ffff:203.0.113.5'), [])).toBe('203.0.113.5');
  });

  it('ignores forwarding headers from a peer that is not a trusted proxy', () => {
    expect(clientIp(from('203.0.113.5', { 'x-forwarded-for': '10.1.1.1', 'x-real-ip': '10.1.1.1' }), NGINX)).toBe('203.0.113.5');
  });

  it('walks X-Forwarded-For from the right past trusted hops behind a trusted proxy', () => {
    // The client wrote "6.6.6.6"; nginx appended the address it saw.
    expect(clientIp(from('10.9.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.4' }), NGINX)).toBe('198.51.100.4');
    // A load balancer (10.9.0.0/24) in front of nginx appended its own peer too.
    expect(clientIp(from('10.9.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.9.0.7' }), ['10.9.0.0/24'])).toBe('198.51.100.4');
    expect(clientIp(from('10.9.0.2', { 'x-forwarded-for': 'garbage, 10.9.0.7' }), ['10.9.0.0/24'])).toBe('10.9.0.7');
    expect(clientIp(from('10.9.0.2', { 'x-real-ip': '198.51.100.9' }), NGINX)).toBe('198.51.100.9');
  });

  it('is null without the peer header (a handler called outside the server that sets it)', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.4', 'x-real-ip': '198.51.100.4' }), NGINX)).toBeNull();
  });
});

describe('clientProtocol', () => {
  const req = (peer: string, proto: string) => new Request('http://app.local/', { headers: from(peer, { 'x-forwarded-proto': proto }) });
  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(clientProtocol(req('10.9.0.2', 'https'), NGINX)).toBe('https');
    expect(clientProtocol(req('203.0.113.5', 'https'), NGINX)).toBe('http');
    expect(clientProtocol(req('203.0.113.5', 'https'), [])).toBe('http');
    // Next builds the request URL's scheme from X-Forwarded-Proto itself: that is not evidence.
    const nextBuilt = new Request('https://app.local/', { headers: from('203.0.113.5', { 'x-forwarded-proto': 'https' }) });
    expect(clientProtocol(nextBuilt, [])).toBe('http');
  });
});
