import { ZodError } from 'zod';
import { DomainError, RateLimitedError, ValidationError, zodFieldErrors, type ErrorKind, type FieldError } from '@/lib/errors';
import { asDomainError } from '@/lib/ibmcloud/errors';
import { HttpError, MethodNotAllowedError } from './errors';

export const PROBLEM_TYPE_BASE = 'https://nutanix-vpc-orchestrator.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** The one place a domain error kind becomes an HTTP status. */
const STATUS: Record<ErrorKind, { status: number; title: string }> = {
  malformed: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  invalid: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

/** The HTTP status a domain error answers with. */
export function statusOf(err: DomainError): number {
  return STATUS[err.kind].status;
}

/**
 * For answers that report several items (batch cleanup): each item's `outcome` ('started' or the
 * kind of the error that item alone would have answered) becomes the HTTP `status` it would have
 * had on its own (202 or the error's), at any depth.
 */
export function withItemStatuses<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withItemStatuses) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'outcome' && typeof v === 'string') out.status = v === 'started' ? 202 : STATUS[v as ErrorKind].status;
    else out[key] = withItemStatuses(v);
  }
  return out as T;
}

function slug(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * Maps anything thrown by a handler to problem+json. Unknown errors become a bare 500 whose body
 * carries only the request id: never a message or stack trace.
 */
export function problemFromError(err: unknown, requestId?: string): { response: Response; unexpected: boolean } {
  if (err instanceof ZodError) err = new ValidationError('The request is invalid', zodFieldErrors(err));
  // An IBM Cloud failure that reaches the edge is the cloud's answer, not our crash.
  err = asDomainError(err);
  if (err instanceof DomainError || err instanceof HttpError) {
    const { status, title } = err instanceof DomainError ? STATUS[err.kind] : err;
    const extra = err instanceof DomainError ? err.details : err.extra;
    const headers: Record<string, string> =
      err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) }
      : err instanceof MethodNotAllowedError ? { allow: err.allow }
      : {};
    return {
      unexpected: false,
      response: problemResponse({ type: PROBLEM_TYPE_BASE + slug(title), title, status, detail: err.message, requestId, ...extra }, headers),
    };
  }
  return {
    unexpected: true,
    response: problemResponse({
      type: PROBLEM_TYPE_BASE + 'internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred; quote the request id when reporting it',
      requestId,
    }),
  };
}
