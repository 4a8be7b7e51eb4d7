import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAST_ROUTES } from '@/app/fast-lane';
import { stampPeerAddress } from '@/lib/http/peer-address';
import { matchFastRoute, serveFast } from '@/lib/server/fast-lane';

/** A real HTTP server with only the fast lane, mounted as lib/server/app-server.ts mounts it (404 for anything else). */
export async function startFastLaneServer(): Promise<{ port: number; base: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    const fast = matchFastRoute(FAST_ROUTES, req.method, req.url);
    if (fast) return void serveFast(fast, req, res);
    res.writeHead(404).end('not a fast route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
