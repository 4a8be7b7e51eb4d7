/** Sends a JSON request to our API; throws an Error with the problem's detail on 4xx/5xx. */
export async function sendJson<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const fields = (data?.errors ?? []).map((e: { field: string; message: string }) => `${e.field}: ${e.message}`).join('; ');
    throw new Error([data?.detail ?? `Request failed (${res.status})`, fields].filter(Boolean).join(' — '));
  }
  return data as T;
}
