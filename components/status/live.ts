/** How often live status views poll the JSON API. */
export const LIVE_REFRESH_MS = 3000;

/** SWR fetcher for our JSON API (same-origin, session cookie); non-2xx responses become errors. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}
