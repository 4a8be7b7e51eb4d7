import { NextRequest } from 'next/server';

/** Builds the NextRequest a route handler receives, for handler-level integration tests. */
export function request(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return new NextRequest(new URL(url, 'http://localhost:3000'), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
}

export function params<P>(value: P) {
  return { params: Promise.resolve(value) };
}
