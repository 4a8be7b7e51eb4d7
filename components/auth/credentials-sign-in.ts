/**
 * Signs in with email and password through next-auth's credentials callback, keeping our own
 * answers visible: 429 (too many failed attempts) and the error next-auth puts in its redirect.
 */
export async function credentialsSignIn(email: string, password: string, callbackUrl: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const csrf = await fetch('/api/auth/csrf').then((r) => r.json() as Promise<{ csrfToken: string }>);
  const res = await fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }),
  });
  if (res.status === 429) {
    const retry = res.headers.get('retry-after');
    return { ok: false, message: `Too many failed sign-in attempts. Try again in ${retry ?? 'a few'} seconds.` };
  }
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get('error') : 'unknown';
  if (!error) return { ok: true };
  return { ok: false, message: error === 'CredentialsSignin' ? 'Wrong email or password.' : error };
}
