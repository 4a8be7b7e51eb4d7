import { SimError, type SimRequest } from './http';

/**
 * VPC-style pagination: `limit` (default 50, max 100) and an opaque `start` token; answers
 * `first`, `next`, `limit`, `total_count` (docs/reference/ibmcloud-api.md §8). `render` turns
 * only the page's items into their JSON: rendering a whole collection of hundreds for each page
 * was most of a listing's cost.
 */
export function vpcPage<S, T = S>(req: SimRequest, items: S[], key: string, collectionHref: string, render: (item: S) => T = (item) => item as unknown as T) {
  const limit = parseLimit(req.query.get('limit'), 50, 100, 1, 'limit');
  const start = req.query.get('start');
  let offset = 0;
  if (start) {
    const decoded = Number(Buffer.from(start, 'base64url').toString('utf8').replace(/^o/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw new SimError(400, 'invalid_id_format', 'The start token is not valid', { name: 'start', type: 'parameter', value: start });
    }
    offset = decoded;
  }
  const page = items.slice(offset, offset + limit).map(render);
  const href = (extra: Record<string, string>) => {
    const q = new URLSearchParams(req.query);
    q.delete('start');
    q.set('limit', String(limit));
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${collectionHref}?${q}`;
  };
  const next = offset + limit < items.length ? { href: href({ start: Buffer.from(`o${offset + limit}`).toString('base64url') }) } : undefined;
  return { [key]: page, first: { href: href({}) }, limit, total_count: items.length, ...(next ? { next } : {}) };
}

/** DNS-style pagination: `offset` + `limit`, answers `count`, `total_count`, `first`, `last`, `next` (docs/reference/ibmcloud-api.md §6.4). */
export function dnsPage<T>(req: SimRequest, items: T[], key: string, collectionHref: string) {
  const limit = parseLimit(req.query.get('limit'), 200, 1000, 1, 'limit');
  const offset = parseLimit(req.query.get('offset'), 0, Number.MAX_SAFE_INTEGER, 0, 'offset');
  const page = items.slice(offset, offset + limit);
  const href = (o: number) => ({ href: `${collectionHref}?offset=${o}&limit=${limit}` });
  const lastOffset = items.length === 0 ? 0 : Math.floor((items.length - 1) / limit) * limit;
  return {
    [key]: page,
    offset,
    limit,
    count: page.length,
    total_count: items.length,
    first: href(0),
    last: href(lastOffset),
    ...(offset + limit < items.length ? { next: href(offset + limit) } : {}),
  };
}

function parseLimit(raw: string | null, fallback: number, max: number, min: number, name: string): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SimError(400, 'validation_max_value', `${name} must be an integer between ${min} and ${max}`, { name, type: 'parameter', value: raw });
  }
  return n;
}
