import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { recordAudit, type AuditEntry } from '@/lib/audit/record';
import { authenticate, type AuthOptions } from '@/lib/auth/authenticate';
import type { Identity, Requirement } from '@/lib/auth/identity';
import { getConfig } from '@/lib/config';
import { MalformedError, ValidationError, zodFieldErrors } from '@/lib/errors';
import { logger, redactUrl, type Logger } from '@/lib/log/logger';
import { observeHttpRequest } from '@/lib/metrics/http';
import { clientIp } from './client-ip';
import { assertSameOrigin } from './csrf';
import { PayloadTooLargeError } from './errors';
import { problemFromError } from './problem';
import { enforceRequestLimit } from './rate-limit-policies';

export interface RouteContext<P> {
  params: P;
  requestId: string;
  identity: Identity;
  log: Logger;
  sourceIp: string | null;
  /** Records a mutating action in the audit log with this request's identity, IP and id. */
  audit: (entry: AuditEntry) => Promise<void>;
}

/** The caller's address (see lib/http/client-ip.ts for what is believed behind a proxy). */
export function sourceIpOf(req: NextRequest): string | null {
  return clientIp(req.headers);
}

export interface RouteOptions extends AuthOptions {
  auth: Requirement;
}

type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response> | Response;

/**
 * Wraps a route handler: request id, authentication against `auth`, CSRF check for
 * cookie-authenticated changes, per-caller rate limit, error → problem+json, one access-log line.
 * Handlers stay four lines: authorize (here), parse, call lib, respond.
 */
export function route<P = object>(opts: RouteOptions, handler: Handler<P>) {
  return async (req: NextRequest, segment?: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
    const log = logger.child({ requestId });
    const started = performance.now();
    let res: Response;
    try {
      const sourceIp = sourceIpOf(req);
      const identity = await authenticate(req, opts.auth, opts);
      if (identity.kind === 'user' && identity.via === 'session') assertSameOrigin(req, [new URL(getConfig().publicBaseUrl).origin]);
      await enforceRequestLimit(identity, opts.auth, sourceIp, req.nextUrl.pathname);
      const params = (segment ? await segment.params : {}) as P;
      const audit = (entry: AuditEntry) => recordAudit({ identity, sourceIp, requestId }, entry);
      res = await handler(req, { params, requestId, identity, log, sourceIp, audit });
    } catch (err) {
      const mapped = problemFromError(err, requestId);
      if (mapped.unexpected) log.error({ err }, 'unhandled error');
      res = mapped.response;
    }
    res.headers.set('x-request-id', requestId);
    const ms = performance.now() - started;
    observeHttpRequest(req.method, req.nextUrl.pathname, res.status, ms / 1000);
    log.info(
      { method: req.method, url: redactUrl(req.nextUrl.pathname + req.nextUrl.search), status: res.status, ms: Math.round(ms) },
      'request',
    );
    return res;
  };
}

export function json(data: unknown, init: number | ResponseInit = 200): Response {
  const opts = typeof init === 'number' ? { status: init } : init;
  return Response.json(data, opts);
}

/**
 * The body as text, refusing (413) past MAX_REQUEST_BODY_BYTES: by Content-Length before reading,
 * and while reading for bodies that do not declare it (chunked).
 */
export async function readBodyText(req: Request, limit = getConfig().MAX_REQUEST_BODY_BYTES): Promise<string> {
  if (Number(req.headers.get('content-length')) > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body with a zod schema; malformed JSON is 400, schema violations 422 with fields. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await readBodyText(req);
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new MalformedError('The request body is not valid JSON', [{ field: '(body)', message: 'invalid JSON' }]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('The request body is invalid', zodFieldErrors(parsed.error));
  return parsed.data;
}

/** Parses query parameters with a zod schema (values arrive as strings; use z.coerce). */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) throw new ValidationError('The query is invalid', zodFieldErrors(parsed.error, ['query']));
  return parsed.data;
}

/** Validates dynamic route segments (e.g. an id that must be a UUID) with a zod schema. */
export function parseParams<S extends z.ZodType>(params: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ValidationError('The path is invalid', zodFieldErrors(parsed.error, ['path']));
  return parsed.data;
}
