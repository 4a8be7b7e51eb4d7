import { ConflictError, UnavailableError, ValidationError } from '@/lib/errors';

/**
 * Typed IBM Cloud errors. Built from the HTTP status and IBM's error body
 * `{ errors: [{ code, message, more_info, target }], trace }` (docs/reference/ibmcloud-api.md §5.1), never from the
 * SDK core's message, which it rewrites to "Access is denied..." for 401/403 (docs/reference/ibmcloud-api.md §1.4).
 */

export type CloudErrorKind =
  | 'not_found'
  | 'validation'
  | 'quota'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'auth'
  | 'unknown';

export interface CloudErrorInit {
  kind: CloudErrorKind;
  status: number | null;
  code: string;
  message: string;
  trace?: string;
  target?: { name?: string; type?: string; value?: unknown };
  retryAfterMs?: number;
  operation?: string;
}

export class CloudError extends Error {
  readonly kind: CloudErrorKind;
  /** HTTP status from IBM Cloud; null when no response arrived. */
  readonly status: number | null;
  /** IBM's error code, e.g. `validation_unique_failed`, or `network_error`. */
  readonly code: string;
  /** IBM's support correlation id (log it). */
  readonly trace?: string;
  readonly target?: CloudErrorInit['target'];
  readonly retryAfterMs?: number;
  readonly operation?: string;

  constructor(init: CloudErrorInit) {
    super(init.operation ? `${init.operation}: ${init.message}` : init.message);
    this.name = new.target.name;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.trace = init.trace;
    this.target = init.target;
    this.retryAfterMs = init.retryAfterMs;
    this.operation = init.operation;
  }

  /** 429, 5xx (except 501) and network errors; everything else is permanent. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network';
  }

  /** A plain object safe to log (no headers, no bodies). */
  toLog() {
    return { kind: this.kind, status: this.status, code: this.code, trace: this.trace, operation: this.operation };
  }
}

export class CloudNotFoundError extends CloudError {}
export class CloudValidationError extends CloudError {}
export class CloudQuotaError extends CloudError {}
export class CloudConflictError extends CloudError {}

const UNIQUE_CODES = new Set(['validation_unique_failed', 'duplicate_error']);

/** The one way to ask "is it gone?": IBM Cloud answered that the resource does not exist. */
export function isNotFound(err: unknown): err is CloudError {
  return err instanceof CloudError && err.kind === 'not_found';
}

/** IBM Cloud refused because of the resource's state (409: still stopping, still attached...) or a taken name. */
export function isConflict(err: unknown): err is CloudError {
  return err instanceof CloudError && err.kind === 'conflict';
}

/** True when a create failed only because the name is taken (docs/reference/ibmcloud-api.md §5.2). */
export function isNameConflict(err: unknown): err is CloudError {
  return err instanceof CloudError && UNIQUE_CODES.has(err.code);
}

/** True when a reservation failed because its address is already reserved (docs/reference/ibmcloud-api.md §5.2). */
export function isAddressTaken(err: unknown): err is CloudError {
  return err instanceof CloudError && err.code === 'address_is_already_reserved';
}

function isQuotaCode(code: string) {
  return code === 'over_quota' || code.endsWith('_quota_exceeded') || code.endsWith('_over_quota') || code === 'subnet_out_of_ip_addresses';
}

export function classify(status: number | null, code: string): CloudErrorKind {
  if (status === null) return 'network';
  if (isQuotaCode(code)) return 'quota';
  if (UNIQUE_CODES.has(code)) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 401 || status === 403) return 'auth';
  if (status === 409) return 'conflict';
  if (status >= 500 && status !== 501) return 'server';
  if (status >= 400 && status < 500) return 'validation';
  return 'unknown';
}

const SUBCLASS: Partial<Record<CloudErrorKind, typeof CloudError>> = {
  not_found: CloudNotFoundError,
  validation: CloudValidationError,
  quota: CloudQuotaError,
  conflict: CloudConflictError,
};

export function makeCloudError(init: Omit<CloudErrorInit, 'kind'> & { kind?: CloudErrorKind }): CloudError {
  const kind = init.kind ?? classify(init.status, init.code);
  const Ctor = SUBCLASS[kind] ?? CloudError;
  return new Ctor({ ...init, kind });
}

/** Seconds or an HTTP date, as `Retry-After` allows. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface SdkError {
  status?: number;
  statusText?: string;
  message?: string;
  result?: unknown;
  headers?: Record<string, unknown>;
  code?: string;
}

interface IbmErrorBody {
  errors?: { code?: string; message?: string; target?: CloudErrorInit['target'] }[];
  trace?: string;
  request_id?: string;
  errorCode?: string;
  errorMessage?: string;
  message?: string;
}

/** Turns whatever the SDK core rejected with into a CloudError. */
export function fromSdkError(err: unknown, operation?: string): CloudError {
  if (err instanceof CloudError) return err;
  const e = (err ?? {}) as SdkError;
  const status = typeof e.status === 'number' ? e.status : null;
  const body = (e.result && typeof e.result === 'object' ? e.result : {}) as IbmErrorBody;
  const first = body.errors?.[0];
  const headers = e.headers ?? {};
  const code =
    first?.code ?? body.errorCode ?? (status === null ? 'network_error' : status === 429 ? 'rate_limit_exceeded' : `http_${status}`);
  const message = first?.message ?? body.errorMessage ?? body.message ?? e.message ?? e.statusText ?? 'request failed';
  return makeCloudError({
    status,
    code,
    message,
    trace: body.trace ?? body.request_id ?? (headers['x-request-id'] as string | undefined),
    target: first?.target,
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    operation,
  });
}

/**
 * A cloud failure on an operator's request as the domain error it deserves: IBM refusing the input
 * is the caller's problem (invalid, conflict), anything else means the cloud is unavailable.
 * Anything that is not a CloudError is returned as it is.
 */
export function asDomainError(err: unknown, field = '(body)'): unknown {
  if (!(err instanceof CloudError)) return err;
  if (err.kind === 'validation') return new ValidationError(`IBM Cloud refused the request: ${err.message}`, [{ field, message: err.message }]);
  if (err.kind === 'conflict') return new ConflictError(`IBM Cloud refused the request: ${err.message}`);
  return new UnavailableError(`IBM Cloud did not complete the request (${err.code}${err.trace ? `, trace ${err.trace}` : ''})`);
}

const RECOVERED = Symbol('recovered');

/**
 * Marks a create's answer as a same-name object looked up after a name conflict or a lost answer,
 * not one the call is known to have made: whoever keeps it must prove it is theirs (the ledger).
 */
export function markRecovered<T>(found: T): T {
  if (!found || typeof found !== 'object') return found;
  // A copy: the object may come from a listing other callers share.
  const copy = { ...found };
  Object.defineProperty(copy, RECOVERED, { value: true });
  return copy;
}

export function wasRecovered(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as Record<symbol, unknown>)[RECOVERED] === true;
}
