import type { Stats } from 'node:fs';

/** A strong validator from size and modification time (as nginx does): cheap, no hashing. */
export function etagOf(stats: Pick<Stats, 'size' | 'mtimeMs'>): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since; dates compare at second precision. */
export function isNotModified(headers: Headers, etag: string, mtime: Date): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = headers.get('if-modified-since');
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

/** If-Range: a Range is honoured only while the client's copy is still the current one. */
export function rangeStillValid(headers: Headers, etag: string, mtime: Date): boolean {
  const ifRange = headers.get('if-range');
  if (!ifRange) return true;
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return ifRange.trim() === etag;
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && Math.floor(mtime.getTime() / 1000) * 1000 <= date;
}
