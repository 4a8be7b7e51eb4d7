import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloudError } from '@/lib/ibmcloud/errors';
import {
  ConflictError,
  ForbiddenError,
  MalformedError,
  NotFoundError,
  RateLimitedError,
  ResourceConflictError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '@/lib/errors';
import { MethodNotAllowedError, PayloadTooLargeError } from './errors';
import { PROBLEM_TYPE_BASE, problemFromError } from './problem';

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

  it('answers each domain error kind with its one status, title and details', async () => {
    const cases: [Error, number, string, Record<string, unknown>][] = [
      [new MalformedError('no table'), 400, 'Bad request', {}],
      [new MalformedError('bad json', [{ field: '(body)', message: 'invalid JSON' }]), 400, 'Bad request', { errors: [{ field: '(body)', message: 'invalid JSON' }] }],
      [new UnauthenticatedError(), 401, 'Unauthorized', { detail: 'Sign in or send a valid API token' }],
      [new ForbiddenError(), 403, 'Forbidden', { detail: 'Your role does not allow this action' }],
      [new NotFoundError('no node 7'), 404, 'Not found', {}],
      [new ResourceConflictError('held', 'nvo-vni-a', 'node a'), 409, 'Conflict', { resource: 'nvo-vni-a', holder: 'node a' }],
      [new ValidationError('bad'), 422, 'Validation failed', { errors: [] }],
      [new RateLimitedError(3), 429, 'Too many requests', { detail: 'Rate limit exceeded; retry in 3 s' }],
      [new UnavailableError('down'), 503, 'Service unavailable', {}],
      [new MethodNotAllowedError('PUT', 'GET, POST'), 405, 'Method not allowed', { detail: 'PUT is not supported here; use GET, POST' }],
      [new PayloadTooLargeError(10), 413, 'Payload too large', { limitBytes: 10 }],
    ];
    for (const [err, status, title, more] of cases) {
      const { response, unexpected } = problemFromError(err, 'req-2');
      expect(unexpected).toBe(false);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body).toEqual({
        type: PROBLEM_TYPE_BASE + title.toLowerCase().replace(/ /g, '-'),
        title,
        status,
        detail: err.message,
        requestId: 'req-2',
        ...more,
      });
    }
    expect(problemFromError(new MethodNotAllowedError('PUT', 'GET')).response.headers.get('allow')).toBe('GET');
  });

  it('keeps HTTP statuses out of domain errors', () => {
    expect(new NotFoundError('x')).not.toHaveProperty('status');
    expect(new ConflictError('x', { field: 'email' })).toMatchObject({ kind: 'conflict', details: { field: 'email' } });
  });
});

describe('withItemStatuses', () => {
  it('turns each item outcome into the status it would have had on its own, at any depth', async () => {
    const { withItemStatuses } = await import('./problem');
    const result = withItemStatuses({
      total: 2,
      results: [
        { type: 'node', id: 1, success: true, outcome: 'started' },
        { type: 'deployment', id: 'd', success: false, outcome: 'started', nodes: [{ id: 2, outcome: 'conflict', detail: 'busy' }, { id: 3, outcome: 'not_found' }] },
      ],
    });
    expect(result).toEqual({
      total: 2,
      results: [
        { type: 'node', id: 1, success: true, status: 202 },
        { type: 'deployment', id: 'd', success: false, status: 202, nodes: [{ id: 2, status: 409, detail: 'busy' }, { id: 3, status: 404 }] },
      ],
    });
  });
});
