import { describe, expect, it } from 'vitest';
import { makeCloudError } from './errors';
import { DEFAULT_RETRY, retryDelay } from './service';

const serverError = makeCloudError({ status: 503, code: 'internal_error', message: 'x' });

describe('retryDelay', () => {
  it('grows exponentially with full jitter inside [ceiling/2, ceiling]', () => {
    expect(retryDelay(0, DEFAULT_RETRY, serverError, () => 0)).toBe(500);
    expect(retryDelay(0, DEFAULT_RETRY, serverError, () => 1)).toBe(1000);
    expect(retryDelay(3, DEFAULT_RETRY, serverError, () => 1)).toBe(8000);
  });

  it('caps the backoff at maxDelayMs (30 s, as the SDK core does)', () => {
    expect(retryDelay(10, DEFAULT_RETRY, serverError, () => 1)).toBe(30_000);
  });

  it('waits at least Retry-After when the server sent one, plus at most a fifth of it (capped at baseDelayMs)', () => {
    const limited = makeCloudError({ status: 429, code: 'rate_limit_exceeded', message: 'x', retryAfterMs: 7000 });
    expect(retryDelay(0, DEFAULT_RETRY, limited, () => 0)).toBe(7000);
    expect(retryDelay(0, DEFAULT_RETRY, limited, () => 1)).toBe(8000);
    const short = makeCloudError({ status: 503, code: 'internal_error', message: 'x', retryAfterMs: 1000 });
    expect(retryDelay(3, DEFAULT_RETRY, short, () => 1)).toBe(1200);
  });

  it('gives up (null) rather than retry before a Retry-After longer than a minute', () => {
    const huge = makeCloudError({ status: 429, code: 'rate_limit_exceeded', message: 'x', retryAfterMs: 3_600_000 });
    expect(retryDelay(0, DEFAULT_RETRY, huge)).toBeNull();
  });
});
