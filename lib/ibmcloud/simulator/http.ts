import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An IBM-shaped error: `{ errors: [{code, message, more_info, target}], trace, status_code }` (docs/reference/ibmcloud-api.md §5.1). */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: { name: string; type: 'field' | 'parameter' | 'header'; value?: unknown },
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
  baseUrl: string;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** Minimal method + path router; `:name` segments become params (URL-decoded). */
export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler) {
    const keys: string[] = [];
    const source = path.replace(/:([a-z_]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}

export function ibmErrorBody(err: SimError) {
  const moreInfo = `https://cloud.ibm.com/docs/vpc?topic=vpc-rias-error-messages#${err.code}`;
  return {
    errors: [{ code: err.code, message: err.message, more_info: moreInfo, ...(err.target ? { target: err.target } : {}) }],
    trace: randomUUID(),
    status_code: err.status,
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new SimError(413, 'http_request_size_exceeded', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    throw new SimError(400, 'bad_request', 'The request body is not valid JSON');
  }
}

export function send(res: ServerResponse, out: SimResponse) {
  const headers: Record<string, string> = { ...out.headers };
  const trace = randomUUID();
  headers['x-request-id'] ??= trace;
  if (out.body === undefined || out.status === 204) {
    res.writeHead(out.status, headers).end();
    return;
  }
  const text = JSON.stringify(out.body);
  headers['content-type'] ??= 'application/json; charset=utf-8';
  res.writeHead(out.status, headers).end(text);
}
