import type { FieldError } from '@/lib/http/errors';

export interface ApiProblem {
  status: number;
  title: string;
  detail: string;
  errors?: FieldError[];
}

/** A mutating call; resolves with the body on success, or the problem+json on failure. */
export async function send<T>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<{ ok: true; data: T } | { ok: false; problem: ApiProblem }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (res.ok) return { ok: true, data: data as T };
  return { ok: false, problem: { status: res.status, title: data.title ?? res.statusText, detail: data.detail ?? 'The request failed', errors: data.errors } };
}
