import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { NextRequest } from 'next/server';
import { FAST_ROUTES } from '@/app/fast-lane';
import { stampPeerAddress } from '@/lib/http/peer-address';
import { matchFastRoute, serveFast } from '@/lib/server/fast-lane';
import { proxy } from '@/proxy';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface AppRoute {
  file: string;
  pattern: RegExp;
  names: { name: string; rest: boolean }[];
  rank: number;
}

/** Every app/**\/route.ts as a path pattern, static segments before [param] before [...rest]. */
function discoverRoutes(dir = path.resolve('app'), prefix = ''): AppRoute[] {
  const found: AppRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...discoverRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    else if (entry.name === 'route.ts') found.push(compile(path.join(dir, entry.name), prefix || '/'));
  }
  return found.sort((a, b) => a.rank - b.rank);
}

function compile(file: string, route: string): AppRoute {
  const names: AppRoute['names'] = [];
  let rank = 0;
  const source = route.split('/').map((segment) => {
    const rest = segment.match(/^\[\.\.\.(\w+)\]$/);
    const param = segment.match(/^\[(\w+)\]$/);
    if (rest) { names.push({ name: rest[1], rest: true }); rank += 100; return '(.+)'; }
    if (param) { names.push({ name: param[1], rest: false }); rank += 1; return '([^/]+)'; }
    return segment.replace(/[.]/g, '\\.');
  }).join('/');
  return { file, pattern: new RegExp(`^${source}$`), names, rank };
}

const ROUTES = discoverRoutes();

export interface ServedRequest {
  method: string;
  url: string;
  status: number;
  /** The peer address the server stamped (what route handlers see in PEER_HEADER). */
  peer: string | undefined;
}

async function dispatch(req: IncomingMessage, res: ServerResponse, log: ServedRequest[]) {
  stampPeerAddress(req);
  // As in production (lib/server/app-server.ts): the hot routes skip the pipeline below.
  const fast = matchFastRoute(FAST_ROUTES, req.method, req.url);
  if (fast) {
    await serveFast(fast, req, res);
    log.push({ method: req.method ?? 'GET', url: req.url ?? '', status: res.statusCode, peer: req.headers['x-nvo-peer-addr'] as string | undefined });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let response: Response | undefined;
  for (const r of ROUTES) {
    const m = r.pattern.exec(url.pathname);
    if (!m) continue;
    const mod = (await import(r.file)) as Record<string, Handler | undefined>;
    const handler = mod[req.method ?? 'GET'];
    if (!handler) { response = new Response('method not allowed', { status: 405 }); break; }
    const params = Object.fromEntries(r.names.map((n, i) => {
      const raw = decodeURIComponent(m[i + 1]);
      return [n.name, n.rest ? raw.split('/') : raw];
    }));
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(await req.toArray());
    response = await handler(new NextRequest(url, { method: req.method, headers, body }), { params: Promise.resolve(params) });
    break;
  }
  response ??= new Response('not found', { status: 404 });
  // Next runs proxy.ts before every route and merges its response headers (CSP, HSTS, CORS).
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const edge = proxy(new NextRequest(url, { method: req.method, headers }));
  for (const [k, v] of edge.headers) if (!k.startsWith('x-middleware')) response.headers.set(k, v);
  log.push({ method: req.method ?? 'GET', url: req.url ?? '', status: response.status, peer: req.headers['x-nvo-peer-addr'] as string | undefined });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/**
 * A real HTTP server in front of the app's route handlers (the same code `next start` runs),
 * stamping the TCP peer address and answering the fast lane's routes as the production server
 * does (lib/http/peer-address.ts, lib/server/fast-lane.ts), for
 * tests that need sockets: firmware downloads, nginx in front.
 */
export async function startAppHttpServer(): Promise<{ server: Server; port: number; requests: ServedRequest[]; close: () => Promise<void> }> {
  const requests: ServedRequest[] = [];
  const server = createServer((req, res) => {
    dispatch(req, res, requests).catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
