import { describe, expect, it } from 'vitest';
import { CloudConflictError, CloudNotFoundError, CloudQuotaError, CloudValidationError, fromSdkError, isConflict, isNameConflict, isNotFound, parseRetryAfter } from './errors';

const sdkError = (status: number | undefined, result: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('Access is denied due to invalid credentials.'), { status, result, headers });

describe('fromSdkError', () => {
  it('reads code, message and trace from the VPC error body (docs/reference/ibmcloud-api.md §5.1)', () => {
    const err = fromSdkError(sdkError(400, {
      errors: [{ code: 'validation_unique_failed', message: 'Provided Name (x) is not unique', target: { name: 'name', type: 'field', value: 'x' } }],
      trace: 'trace-123',
    }), 'vpc create vni');
    expect(err).toBeInstanceOf(CloudConflictError);
    expect(err.code).toBe('validation_unique_failed');
    expect(err.trace).toBe('trace-123');
    expect(err.target?.name).toBe('name');
    expect(err.retryable).toBe(false);
    expect(isNameConflict(err)).toBe(true);
    expect(err.message).toContain('vpc create vni');
  });

  it('classifies permanent errors by status and code, never by the core message', () => {
    expect(fromSdkError(sdkError(404, { errors: [{ code: 'not_found', message: 'gone' }] }))).toBeInstanceOf(CloudNotFoundError);
    expect(fromSdkError(sdkError(400, { errors: [{ code: 'bad_field', message: 'x' }] }))).toBeInstanceOf(CloudValidationError);
    expect(fromSdkError(sdkError(403, { errors: [{ code: 'bare_metal_server_quota_exceeded', message: 'q' }] }))).toBeInstanceOf(CloudQuotaError);
    expect(fromSdkError(sdkError(409, { errors: [{ code: 'subnet_out_of_ip_addresses', message: 'full' }] })).kind).toBe('quota');
    expect(fromSdkError(sdkError(409, { errors: [{ code: 'invalid_state', message: 's' }] })).kind).toBe('conflict');
    expect(fromSdkError(sdkError(401, { errors: [{ code: 'token_invalid', message: 'm' }] })).kind).toBe('auth');
  });

  it('answers "is it gone?" only for a not-found cloud error', () => {
    expect(isNotFound(fromSdkError(sdkError(404, { errors: [{ code: 'not_found', message: 'gone' }] })))).toBe(true);
    expect(isNotFound(fromSdkError(sdkError(409, { errors: [{ code: 'invalid_state', message: 's' }] })))).toBe(false);
    expect(isNotFound(Object.assign(new Error('gone'), { kind: 'not_found' }))).toBe(false);
  });

  it('answers "is it a conflict?" only for a conflict cloud error', () => {
    expect(isConflict(fromSdkError(sdkError(409, { errors: [{ code: 'invalid_state', message: 's' }] })))).toBe(true);
    expect(isConflict(fromSdkError(sdkError(400, { errors: [{ code: 'validation_unique_failed', message: 'taken' }] })))).toBe(true);
    expect(isConflict(fromSdkError(sdkError(404, { errors: [{ code: 'not_found', message: 'gone' }] })))).toBe(false);
    expect(isConflict(Object.assign(new Error('busy'), { kind: 'conflict' }))).toBe(false);
  });

  it('marks 429, 5xx and network errors retryable but not 501 (docs/reference/ibmcloud-api.md §1.5)', () => {
    const limited = fromSdkError(sdkError(429, { errors: [{ code: 'rate_limit_exceeded', message: 'slow down' }] }, { 'retry-after': '2' }));
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterMs).toBe(2000);
    expect(fromSdkError(sdkError(503, {})).retryable).toBe(true);
    expect(fromSdkError(sdkError(501, {})).retryable).toBe(false);
    const network = fromSdkError(Object.assign(new Error('connect ECONNREFUSED'), { statusText: 'ECONNREFUSED' }));
    expect(network.kind).toBe('network');
    expect(network.status).toBeNull();
    expect(network.retryable).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  it('accepts seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
