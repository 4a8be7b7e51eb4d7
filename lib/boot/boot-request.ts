import { isIPv4 } from 'node:net';
import { z } from 'zod';

/** What identifies a booting server: its node id and/or management IP, and its boot token. */
export interface BootQuery {
  nodeId?: number;
  mgmtIp?: string;
  token?: string;
}

const schema = z.object({
  node_id: z.coerce.number().int().positive('node_id must be a positive integer').optional(),
  mgmt_ip: z.string().refine((v) => isIPv4(v), 'mgmt_ip must be an IPv4 address').optional(),
  token: z.string().max(200, 'token is too long').optional(),
});

export type BootQueryResult = { ok: true; query: BootQuery } | { ok: false; field: string; message: string };

/**
 * Parses a /boot/config query. The Python original's user data (docs/reference/original-detailed.md §1.1) was sometimes written with `@` where `&`
 * belonged (`?mgmt_ip=10.0.0.5@token=...`); such values are split at `@` and the rest read as
 * further parameters, so those servers still boot.
 */
export function parseBootQuery(search: URLSearchParams): BootQueryResult {
  const params: Record<string, string> = {};
  for (const [key, raw] of search) {
    const [value, ...rest] = raw.split('@');
    if (!(key in params)) params[key] = value;
    for (const pair of rest) {
      const eq = pair.indexOf('=');
      if (eq > 0 && !(pair.slice(0, eq) in params)) params[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0]), message: issue.message };
  }
  const { node_id, mgmt_ip, token } = parsed.data;
  return { ok: true, query: { nodeId: node_id, mgmtIp: mgmt_ip, token: token || undefined } };
}
