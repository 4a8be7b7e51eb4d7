import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloudError } from '@/lib/ibmcloud/errors';
import { ConflictError, RateLimitedError } from './errors';
import { problemFromError } from './problem';

describe('problemFromError', () => {
  it('turns a zod error into a 422 naming each field', async () => {
    const result = z.object({ node_name: z.string().min(3) }).safeParse({ node_name: 'x' });
    const { response } = problemFromError(result.error, 'req-1');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json();
    expect(body.errors[0].field).toBe('node_name');
    expect(body.requestId).toBe('req-1');
  });

  it('sets Retry-After on 429', () => {
    const { response } = problemFromError(new RateLimitedError(7));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('keeps domain detail but never leaks an unexpected error', async () => {
    const conflict = await problemFromError(new ConflictError('name in use')).response.json();
    expect(conflict).toMatchObject({ status: 409, detail: 'name in use' });
    const { response, unexpected } = problemFromError(new Error('password=hunter2 at line 3'));
    expect(unexpected).toBe(true);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain('hunter2');
  });

  it('answers an IBM Cloud outage as 503 with its trace id, not a 500', async () => {
    const err = new CloudError({ kind: 'server', status: 502, code: 'bad_gateway', message: 'upstream', trace: 't-123' });
    const { response, unexpected } = problemFromError(err);
    expect(unexpected).toBe(false);
    expect(response.status).toBe(503);
    expect((await response.json()).detail).toContain('t-123');
  });
});
