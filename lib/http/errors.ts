/**
 * Errors only HTTP has (a method the route lacks, a body past the size limit): they carry their
 * status. Domain errors live in lib/errors.ts; lib/http/problem.ts maps both to problem+json.
 */
export class HttpError extends Error {
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

export class MethodNotAllowedError extends HttpError {
  constructor(method: string, readonly allow: string) {
    super(405, 'Method not allowed', `${method} is not supported here; use ${allow}`);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(readonly limitBytes: number) {
    super(413, 'Payload too large', `The request body exceeds ${limitBytes} bytes (MAX_REQUEST_BODY_BYTES)`, { limitBytes });
  }
}

