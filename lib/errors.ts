import type { ZodError } from 'zod';

/**
 * Domain errors: what went wrong, said in the domain's words. lib code throws these; they carry a
 * `kind`, a message and details, never an HTTP status: lib/http/problem.ts alone maps a kind to a
 * status and problem+json.
 */

export type ErrorKind =
  | 'invalid' // understood, but the values are wrong (field errors say which)
  | 'malformed' // cannot be understood: unparseable body, an unknown name where a known one is needed
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Facts for the caller (they become members of the problem body). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is understood but wrong; `errors` names each field. */
export class ValidationError extends DomainError {
  constructor(message: string, readonly errors: FieldError[] = []) {
    super('invalid', message, { errors });
  }
}

/** The input cannot be understood at all. */
export class MalformedError extends DomainError {
  constructor(message: string, errors: FieldError[] = []) {
    super('malformed', message, errors.length ? { errors } : {});
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in or send a valid API token') {
    super('unauthenticated', message);
  }
}

/** Who is asking is known, and is refused. */
export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this action') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

/** A cloud resource is held by something else (the ledger's `holder`), so it was left untouched. */
export class ResourceConflictError extends ConflictError {
  constructor(message: string, readonly resource: string, readonly holder?: string) {
    super(message, { resource, ...(holder ? { holder } : {}) });
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Rate limit exceeded; retry in ${retryAfterSeconds} s`);
  }
}

/** Something this depends on (IBM Cloud, the database) did not answer. */
export class UnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** A zod failure as field errors, paths joined with dots under `prefix`. */
export function zodFieldErrors(err: ZodError, prefix: string[] = []): FieldError[] {
  return err.issues.map((i) => ({
    field: [...prefix, ...i.path.map(String)].join('.') || '(body)',
    message: i.message,
  }));
}
