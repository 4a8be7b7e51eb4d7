import type { IncomingMessage } from 'node:http';

/**
 * The header through which the HTTP server in front of Next tells route handlers the TCP peer
 * address. Only that server sets it: whatever a client sent under this name is removed first, so
 * lib/http/client-ip.ts can believe it.
 */
export const PEER_HEADER = 'x-nvo-peer-addr';

/** Replaces any client-sent peer header on `req` by the socket's remote address. */
export function stampPeerAddress(req: IncomingMessage): void {
  delete req.headers[PEER_HEADER];
  stripRaw(req.rawHeaders);
  const address = req.socket.remoteAddress;
  if (!address) return;
  req.headers[PEER_HEADER] = address;
  req.rawHeaders.push(PEER_HEADER, address);
}

// Next rebuilds its Headers from rawHeaders in some paths, so the client's copy must go there too.
function stripRaw(raw: string[]) {
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i].toLowerCase() === PEER_HEADER) raw.splice(i, 2);
  }
}
