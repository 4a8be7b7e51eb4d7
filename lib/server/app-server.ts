import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { stampPeerAddress } from '@/lib/http/peer-address';
import { matchFastRoute, serveFast, type FastRoute } from './fast-lane';

export interface AppServerOptions {
  port: number;
  host: string;
  dev?: boolean;
  /** The Docker image's standalone build (config comes from .next/required-server-files.json). */
  standalone?: boolean;
  dir?: string;
  /** Routes answered without Next's pipeline (app/fast-lane.ts); none when absent. */
  fastRoutes?: readonly FastRoute[];
}

/** The next.config a standalone build was made with (what Next's own server.js inlines). */
function standaloneConfig(dir: string) {
  const file = path.join(dir, '.next/required-server-files.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: not a standalone build`);
  return JSON.parse(readFileSync(file, 'utf8')).config;
}

/**
 * The HTTP server in front of Next on the one port: stamps the TCP peer address into the request
 * (lib/http/peer-address.ts, which client-ip.ts believes), answers the hot boot and callback routes
 * itself (lib/server/fast-lane.ts) and hands everything else to Next's handler.
 * Several of these share the port under the cluster module (scripts/start.ts).
 */
export async function startAppServer(opts: AppServerOptions): Promise<{ server: http.Server; close: () => Promise<void> }> {
  const dir = opts.dir ?? process.cwd();
  const app = next({
    dev: opts.dev ?? false,
    dir,
    hostname: opts.host,
    port: opts.port,
    ...(opts.standalone ? { conf: standaloneConfig(dir) } : {}),
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const fastRoutes = opts.dev ? [] : (opts.fastRoutes ?? []);
  const server = http.createServer((req, res) => {
    stampPeerAddress(req);
    const fast = fastRoutes.length ? matchFastRoute(fastRoutes, req.method, req.url) : null;
    if (fast) return void serveFast(fast, req, res);
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Longer than nginx's upstream keepalive_timeout (60 s), so nginx closes idle connections first.
  server.keepAliveTimeout = 65_000;
  if (opts.dev) {
    const upgrade = app.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
