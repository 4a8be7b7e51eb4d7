import { metrics } from './registry';

/** Beyond this many distinct patterns, new ones are counted as "other" (bounded label cardinality). */
export const MAX_ROUTE_PATTERNS = 300;
const seen = new Set<string>();

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function segmentPattern(segment: string): string {
  if (/^\d+$/.test(segment) || UUID.test(segment)) return ':id';
  if (IPV4.test(segment) || segment.includes(':')) return ':ip';
  if (segment.includes('.') || segment.length > 40 || /^(nvn|nvo)_/.test(segment)) return ':name';
  return segment;
}

/** `/api/status/nodes/42` → `/api/status/nodes/:id`; ids, IPs and file names become placeholders. */
export function routePattern(pathname: string): string {
  const pattern = '/' + pathname.split('/').filter(Boolean).map(segmentPattern).join('/');
  if (seen.has(pattern)) return pattern;
  if (seen.size >= MAX_ROUTE_PATTERNS) return 'other';
  seen.add(pattern);
  return pattern;
}

/** Records one handled request (called by lib/http/route.ts). */
export function observeHttpRequest(method: string, pathname: string, status: number, seconds: number) {
  metrics().httpDuration.observe({ method, route: routePattern(pathname), status: String(status) }, seconds);
}
