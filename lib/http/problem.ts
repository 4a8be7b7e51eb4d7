import { ZodError } from 'zod';
import { asRequestError } from './cloud-error';
import { AppError, MethodNotAllowedError, RateLimitedError, ValidationError, type FieldError } from './errors';

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

export function zodFieldErrors(err: ZodError, prefix: string[] = []): FieldError[] {
  return err.issues.map((i) => ({
    field: [...prefix, ...i.path.map(String)].join('.') || '(body)',
    message: i.message,
  }));
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
  err = asRequestError(err);
  if (err instanceof AppError) {
    const headers: Record<string, string> =
      err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) }
      : err instanceof MethodNotAllowedError ? { allow: err.allow }
      : {};
    return {
      unexpected: false,
      response: problemResponse(
        { type: PROBLEM_TYPE_BASE + slug(err.title), title: err.title, status: err.status, detail: err.message, requestId, ...err.extra },
        headers,
      ),
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
