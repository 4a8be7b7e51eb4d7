import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { edgeHeaders } from '@/lib/http/security-headers';
import { logger } from '@/lib/log/logger';

/** A route handler as app/**\/route.ts exports it (usually built by lib/http/route.ts `route()`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own segment
export type RouteHandler = (req: NextRequest, segment?: { params: Promise<any> }) => Promise<Response>;

export interface FastRoute {
  method: 'GET' | 'POST' | 'HEAD';
  /** Matched against the path; a capture group becomes the segment named by `param`. */
  pattern: RegExp;
  param?: string;
  /** Pipe the body as it comes (boot images) instead of sending it in one write. */
  stream?: boolean;
  handler: () => Promise<RouteHandler>;
}

export interface FastMatch {
  route: FastRoute;
  params?: Record<string, string>;
}

/** The fast route for this request, if any (method and exact path; no trailing slash variants). */
export function matchFastRoute(routes: readonly FastRoute[], method: string | undefined, url: string | undefined): FastMatch | null {
  if (!url) return null;
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (!route.param) return { route };
    try {
      return { route, params: { [route.param]: decodeURIComponent(m[1]) } };
    } catch {
      return null; // a malformed escape: let Next answer it
    }
  }
  return null;
}

/**
 * Answers a request with the app's own route handler, without Next's request pipeline (router,
 * proxy.ts, tracing, Web-stream piping): what a boot storm's requests cost most of their CPU in.
 * The handler is the same function Next calls for that route, so behaviour is one implementation;
 * what proxy.ts adds to answers (security headers, CORS on /api) is added here the same way.
 */
export async function serveFast(match: FastMatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { route, params } = match;
  try {
    const NextRequest = await nextRequestClass();
    const request = new NextRequest(requestUrl(req), {
      method: req.method,
      headers: headersOf(req),
      body: route.method === 'POST' ? new Uint8Array(await readBody(req, getConfig().MAX_REQUEST_BODY_BYTES + 1)) : undefined,
    });
    const handler = await loadedHandler(route);
    const response = await handler(request, params ? { params: Promise.resolve(params) } : undefined);
    const extra = request.nextUrl.pathname.startsWith('/api/') ? edgeHeaders(request).response : {};
    await writeResponse(res, response, extra, route.stream === true && req.method !== 'HEAD');
  } catch (err) {
    if (req.destroyed && !req.complete) return; // the client went away while sending its body
    logger.error({ err, url: req.url?.split('?')[0] }, 'fast lane failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
    res.end(res.headersSent ? undefined : JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }));
  }
}

// Each import() goes through tsx's loader hooks (a round trip to its worker thread): once per route.
const handlers = new WeakMap<FastRoute, Promise<RouteHandler>>();
function loadedHandler(route: FastRoute): Promise<RouteHandler> {
  let loaded = handlers.get(route);
  if (!loaded) handlers.set(route, (loaded = route.handler()));
  return loaded;
}

// Loaded on first use: next/server needs the AsyncLocalStorage Next installs when it starts.
let nextRequest: Promise<typeof NextRequest> | undefined;
function nextRequestClass(): Promise<typeof NextRequest> {
  nextRequest ??= import('next/server').then((m) => m.NextRequest);
  return nextRequest;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

/**
 * The body, keeping at most `keep` bytes (the rest is read and dropped): route() answers 413 past
 * MAX_REQUEST_BODY_BYTES from what it is given, so one byte over the limit is enough to tell.
 */
// Handlers read only the path and query; a Host header that is no host must not break the URL.
function requestUrl(req: IncomingMessage): string {
  const host = req.headers.host;
  return `http://${host && /^[\w.:[\]-]+$/.test(host) ? host : 'localhost'}${req.url}`;
}

function readBody(req: IncomingMessage, keep: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size >= keep) return;
      chunks.push(size + chunk.length > keep ? chunk.subarray(0, keep - size) : chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before its body ended'));
    });
  });
}

async function writeResponse(res: ServerResponse, response: Response, extra: Record<string, string>, stream: boolean) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  Object.assign(headers, extra);
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
  } else if (stream) {
    res.writeHead(response.status, headers);
    // A client that goes away cancels the body (a boot image's file is closed, the fetch recorded
    // as cut off); a body that fails cuts the connection instead of ending the answer short.
    await streamBody(response.body, res).catch((err) => {
      if (err?.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn({ err }, 'streaming an answer failed');
    });
  } else {
    // One write: headers and a small body leave in one packet.
    const body = Buffer.from(await response.arrayBuffer());
    headers['content-length'] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
  }
}

const STREAM_BUFFER_BYTES = 1024 * 1024;
// Buffers of finished downloads, for the next ones (at most 16 MiB kept).
const spareBuffers: Uint8Array[] = [];
const takeBuffer = () => spareBuffers.pop() ?? new Uint8Array(STREAM_BUFFER_BYTES);
function giveBack(...buffers: Uint8Array[]) {
  for (const b of buffers) if (b.byteLength === STREAM_BUFFER_BYTES && spareBuffers.length < 16) spareBuffers.push(b);
}

/**
 * A byte stream (boot images, lib/boot/image-response.ts) is read with a BYOB reader into two
 * buffers used in turn: one is filled while the other is written, and a buffer is filled again
 * only once the socket has taken it; finished downloads leave theirs to the next. So serving an
 * image allocates nothing per chunk or per download (no garbage for V8 to collect late: memory
 * stays flat). Any other body is piped.
 */
async function streamBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: 'byob' });
  } catch {
    return pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), res);
  }
  const gone = new Promise<never>((_, reject) =>
    res.once('close', () => reject(Object.assign(new Error('the client went away'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))),
  );
  gone.catch(() => {});
  // Raced against `gone`, so a write that fails after the client went away must not go unhandled.
  const write = (chunk: Uint8Array) => {
    const written = new Promise<Uint8Array>((resolve, reject) => res.write(chunk, (err) => (err ? reject(err) : resolve(new Uint8Array(chunk.buffer)))));
    written.catch(() => {});
    return written;
  };
  try {
    let free = takeBuffer();
    let writing: Promise<Uint8Array> = Promise.resolve(takeBuffer());
    for (;;) {
      const { value, done } = await Promise.race([reader.read(free), gone]);
      if (done) {
        // The last read hands back the buffer it was given, empty.
        free = new Uint8Array(value?.buffer ?? new ArrayBuffer(0));
        break;
      }
      const written = await Promise.race([writing, gone]);
      writing = write(value);
      free = written;
    }
    giveBack(free, await Promise.race([writing, gone]));
    await new Promise<void>((resolve) => res.end(resolve));
  } catch (err) {
    await reader.cancel().catch(() => {});
    res.destroy();
    throw err;
  }
}
