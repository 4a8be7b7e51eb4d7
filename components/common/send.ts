import type { FieldError } from '@/lib/errors';

/** The problem+json of a refused call (or a stand-in when the answer was not JSON). */
export interface ApiProblem {
  status: number;
  title: string;
  detail: string;
  errors?: FieldError[];
}

export type SendResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: ApiProblem };

/**
 * The one client mutation helper: a same-origin JSON call (session cookie; the browser adds Origin
 * for the CSRF check). Never throws on an HTTP answer: a refusal resolves with its problem.
 */
export async function send<T = any>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<SendResult<T>> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  return {
    ok: false,
    status: res.status,
    problem: { status: res.status, title: data?.title ?? res.statusText, detail: data?.detail ?? `Request failed (${res.status})`, errors: data?.errors },
  };
}

/** One line for an operator: the problem's detail and its field errors. */
export function problemMessage(problem: ApiProblem): string {
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return [problem.detail, fields].filter(Boolean).join(' — ');
}

/** The data of a successful call; a refusal becomes an Error carrying problemMessage (for useAction). */
export function unwrap<T>(result: SendResult<T>): T {
  if (!result.ok) throw new Error(problemMessage(result.problem));
  return result.data;
}
