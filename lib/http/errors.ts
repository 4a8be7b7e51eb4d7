/** Typed domain errors. lib code throws these; lib/http/problem.ts turns them into problem+json. */

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, readonly errors: FieldError[] = []) {
    super(422, 'Validation failed', detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(400, 'Bad request', detail, errors.length ? { errors } : {});
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Sign in or send a valid API token') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this action') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extra);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(method: string, readonly allow: string) {
    super(405, 'Method not allowed', `${method} is not supported here; use ${allow}`);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(readonly limitBytes: number) {
    super(413, 'Payload too large', `The request body exceeds ${limitBytes} bytes (MAX_REQUEST_BODY_BYTES)`, { limitBytes });
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too many requests', `Rate limit exceeded; retry in ${retryAfterSeconds} s`);
  }
}

export class UnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}
