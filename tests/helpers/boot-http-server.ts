import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { NextRequest } from 'next/server';
import { GET as bootConfig } from '@/app/boot/config/route';
import { GET as imageGet, HEAD as imageHead } from '@/app/boot/images/[file]/route';
import { GET as installerConfig } from '@/app/boot/server/[ip]/route';
import { GET as bootScript } from '@/app/boot/scripts/[name]/route';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: { method: string; pattern: RegExp; handler: Handler; param?: string }[] = [
  { method: 'GET', pattern: /^\/boot\/config$/, handler: bootConfig as Handler },
  { method: 'GET', pattern: /^\/boot\/server\/([^/]+)$/, handler: installerConfig as Handler, param: 'ip' },
  { method: 'GET', pattern: /^\/boot\/images\/([^/]+)$/, handler: imageGet as Handler, param: 'file' },
  { method: 'HEAD', pattern: /^\/boot\/images\/([^/]+)$/, handler: imageHead as Handler, param: 'file' },
  { method: 'GET', pattern: /^\/boot\/scripts\/([^/]+)$/, handler: bootScript as Handler, param: 'name' },
];

export interface ServedRequest {
  method: string;
  url: string;
  status: number;
}

async function dispatch(req: IncomingMessage, res: ServerResponse, log: ServedRequest[]) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = ROUTES.map((r) => ({ r, m: r.method === req.method ? r.pattern.exec(url.pathname) : null })).find((x) => x.m);
  let response: Response;
  if (!match) {
    response = new Response('not found', { status: 404 });
  } else {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const params: Record<string, string> = match.r.param ? { [match.r.param]: decodeURIComponent(match.m![1]) } : {};
    response = await match.r.handler(new NextRequest(url, { method: req.method, headers }), { params: Promise.resolve(params) });
  }
  log.push({ method: req.method ?? 'GET', url: req.url ?? '', status: response.status });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  res.on('close', () => body.destroy());
  body.pipe(res);
}

/**
 * A real HTTP server in front of the app's /boot route handlers (same code `next start` runs),
 * for firmware and download tests that need sockets rather than handler calls.
 */
export async function startBootHttpServer(): Promise<{ server: Server; port: number; requests: ServedRequest[]; close: () => Promise<void> }> {
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
