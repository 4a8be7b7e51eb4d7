/** Calls our JSON API from a client component; a problem+json answer becomes an Error with its detail. */
export async function apiRequest<T = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const fields = Array.isArray(data.errors) ? data.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`).join('; ') : '';
    throw new Error([data.detail ?? `Request failed (${res.status})`, fields].filter(Boolean).join(' — '));
  }
  return data as T;
}
