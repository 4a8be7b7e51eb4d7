import { isIP } from 'node:net';
import { getConfig } from '@/lib/config';
import { ipAllowed, normalizeIp } from './ip-allow';
import { PEER_HEADER } from './peer-address';

/**
 * Who the caller is on the network, from what the server in front of Next saw (the TCP peer in
 * PEER_HEADER, lib/http/peer-address.ts). Forwarding headers (X-Forwarded-For, X-Real-IP,
 * X-Forwarded-Proto) are believed only when that peer is one of TRUSTED_PROXIES; otherwise any
 * client could write them. Without the peer header (a handler called outside that server) the
 * address is unknown: null.
 */
export function clientIp(headers: Headers, trusted: readonly string[] = getConfig().TRUSTED_PROXIES): string | null {
  const peer = peerOf(headers);
  if (!peer || !ipAllowed(peer, trusted)) return peer;
  // X-Forwarded-For from the right: each trusted proxy appended the address it saw. The first
  // hop that is not one of ours is the client; anything left of it is the client's own claim.
  const hops = headers.get('x-forwarded-for')?.split(',').map(normalizeIp).filter(Boolean) ?? [];
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (isIP(hops[i]) === 0) return nearest;
    if (!ipAllowed(hops[i], trusted)) return hops[i];
    nearest = hops[i];
  }
  if (hops.length) return nearest;
  const real = normalizeIp(headers.get('x-real-ip') ?? '');
  return isIP(real) ? real : peer;
}

/**
 * The scheme the client used: X-Forwarded-Proto from a trusted proxy, else plain HTTP (the app
 * never terminates TLS itself). Not the request URL's scheme: Next builds that from
 * X-Forwarded-Proto whoever sent it. Without the peer header (a handler called directly) the
 * URL is all there is.
 */
export function clientProtocol(req: Request, trusted: readonly string[] = getConfig().TRUSTED_PROXIES): 'http' | 'https' {
  const peer = peerOf(req.headers);
  if (!peer) return new URL(req.url).protocol === 'https:' ? 'https' : 'http';
  if (ipAllowed(peer, trusted)) {
    const forwarded = req.headers.get('x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
    if (forwarded === 'https' || forwarded === 'http') return forwarded;
  }
  return 'http';
}

function peerOf(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  return value ? normalizeIp(value) : null;
}
