/** SWR fetcher for our JSON API (same origin, session cookie); a non-2xx answer becomes an error. */
export async function fetchJson<T = unknown>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw Object.assign(new Error(`${url} answered ${res.status}`), { status: res.status });
  return (await res.json()) as T;
}
