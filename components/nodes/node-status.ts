/** Carbon Tag colour of each node status. */
export const STATUS_TAG: Record<string, 'gray' | 'blue' | 'green' | 'red' | 'magenta' | 'purple' | 'cool-gray' | 'teal'> = {
  pending: 'gray',
  provisioning: 'blue',
  deploying: 'teal',
  reinitializing: 'teal',
  deployed: 'green',
  failed: 'red',
  stuck: 'magenta',
  cleaning: 'purple',
  cleaned: 'cool-gray',
};

export const FILTERABLE_STATUSES = ['provisioning', 'deploying', 'deployed', 'failed', 'stuck', 'cleaning', 'cleaned'] as const;

/** Same-origin JSON call used by the node pages' actions (session cookie + Origin header). */
export async function postJson(url: string, body?: unknown): Promise<{ ok: boolean; status: number; data: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, data };
}
