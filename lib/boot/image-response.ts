/**
 * The storage side of /boot/images: where a boot image lies (a safe name directly inside the
 * images directory) and how it goes out over HTTP (Range, validators, a pull-based file stream).
 */

import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '@/lib/errors';

/** Letters, digits, dot, dash, underscore; no leading dot, no `..`, no slash, no NUL. */
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isSafeImageName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/**
 * The absolute path of a boot image, or NotFound. Names are matched against a strict pattern
 * first (so `..`, `%2F`-decoded slashes and NUL never reach the file system) and the resolved
 * path must still lie directly inside the images directory.
 */
export function imagePath(imagesDir: string, name: string): string {
  const root = path.resolve(imagesDir);
  if (!isSafeImageName(name)) throw new NotFoundError(`No boot image named ${JSON.stringify(name.slice(0, 100))}`);
  const full = path.resolve(root, name);
  if (path.dirname(full) !== root) throw new NotFoundError(`No boot image named ${JSON.stringify(name)}`);
  return full;
}

export interface ImageTransfer {
  name: string;
  httpStatus: number;
  /** Bytes actually written to the client. */
  bytes: number;
  completed: boolean;
  rangeStart?: number;
  rangeEnd?: number;
  /** Size of the whole file. */
  totalBytes: number;
}

export interface ImageRequest {
  imagesDir: string;
  name: string;
  method: 'GET' | 'HEAD';
  headers: Headers;
  /** Called once the body is fully sent or cut off (immediately for bodiless answers). */
  onDone?: (transfer: ImageTransfer) => void;
}

async function statImage(full: string, name: string) {
  try {
    const stats = await stat(full);
    if (stats.isFile()) return stats;
  } catch {
    // missing or unreadable: same answer
  }
  throw new NotFoundError(`No boot image named ${JSON.stringify(name)}`);
}

/**
 * Storage side of /boot/images: streams a file with Range (single range → 206, past the end →
 * 416), ETag/Last-Modified validators and 304s, never holding more than a chunk in memory.
 */
export async function imageResponse(req: ImageRequest): Promise<Response> {
  const full = imagePath(req.imagesDir, req.name);
  const stats = await statImage(full, req.name);
  const etag = etagOf(stats);
  const headers = new Headers({
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
    'last-modified': stats.mtime.toUTCString(),
  });
  const done = (httpStatus: number, bytes = 0, completed = true, span?: { start: number; end: number }) =>
    req.onDone?.({ name: req.name, httpStatus, bytes, completed, rangeStart: span?.start, rangeEnd: span?.end, totalBytes: stats.size });

  if (isNotModified(req.headers, etag, stats.mtime)) {
    done(304);
    return new Response(null, { status: 304, headers });
  }
  const useRange = rangeStillValid(req.headers, etag, stats.mtime);
  const range = parseRange(useRange ? req.headers.get('range') : null, stats.size);
  if (range.kind === 'unsatisfiable') {
    headers.set('content-range', `bytes */${stats.size}`);
    headers.set('content-length', '0');
    done(416);
    return new Response(null, { status: 416, headers });
  }
  const span = range.kind === 'partial' ? range.range : { start: 0, end: stats.size - 1 };
  const status = range.kind === 'partial' ? 206 : 200;
  const length = Math.max(0, span.end - span.start + 1);
  headers.set('content-length', String(length));
  if (status === 206) headers.set('content-range', `bytes ${span.start}-${span.end}/${stats.size}`);
  if (req.method === 'HEAD' || length === 0) {
    if (req.method === 'GET') done(status);
    return new Response(null, { status, headers });
  }
  const body = fileRangeStream(full, span, (bytes, completed) => done(status, bytes, completed, range.kind === 'partial' ? span : undefined));
  return new Response(body, { status, headers });
}

/** A byte range to send, both ends inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeResult = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Parses a Range header against a file size (RFC 9110 §14.1.2). One range is served as 206;
 * several ranges (rare for downloaders) are answered with the whole file, which the RFC allows;
 * a malformed header is ignored. Only a well-formed range entirely past the end is 416.
 */
export function parseRange(header: string | null, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'full' };
  return { kind: 'partial', range: { start, end } };
}

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

// The chunk a default reader (Next's response writer) gets: each is a fresh buffer, freed only
// when V8 next collects, and 1 MiB chunks left so much garbage that 8 parallel downloads grew the
// server by more than 64 MiB. The fast lane reads with its own reused buffers instead (BYOB).
export const CHUNK_BYTES = 256 * 1024;

/**
 * A byte ReadableStream over a range of a file that reads only as fast as the client takes (no
 * read ahead: a read of the file per read of the stream), and reports how many bytes went out and
 * whether the transfer finished or was cut off. A default reader gets fresh CHUNK_BYTES chunks;
 * a BYOB reader (the server's fast lane) has the file read straight into its own buffers, which it
 * reuses, so a download allocates nothing per chunk. The file is opened on the first read and
 * closed when the range is sent, the client goes away or a read fails.
 */
export function fileRangeStream(
  file: string,
  range: { start: number; end: number },
  onDone: (bytes: number, completed: boolean) => void,
): ReadableStream<Uint8Array> {
  let handle: Promise<FileHandle> | undefined;
  let position = range.start;
  let bytes = 0;
  let finished = false;
  const finish = (completed: boolean) => {
    if (finished) return;
    finished = true;
    onDone(bytes, completed);
    handle?.then((h) => h.close()).catch(() => {});
  };
  return new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: CHUNK_BYTES,
    async pull(controller) {
      // Always set: highWaterMark 0 pulls only for a pending read, and default readers get an
      // autoAllocateChunkSize buffer here.
      const request = controller.byobRequest!;
      try {
        if (position > range.end) {
          controller.close();
          request.respond(0);
          finish(true);
          return;
        }
        handle ??= open(file, 'r');
        const fh = await handle;
        const view = request.view!;
        const target = new Uint8Array(view.buffer, view.byteOffset, Math.min(view.byteLength, range.end + 1 - position));
        const { bytesRead } = await fh.read(target, 0, target.length, position);
        if (finished) return; // cancelled while reading
        if (bytesRead === 0) throw new Error(`${file} ended at byte ${position}, before the range did`);
        position += bytesRead;
        bytes += bytesRead;
        request.respond(bytesRead);
      } catch (err) {
        if (finished) return;
        controller.error(err);
        finish(false);
      }
    },
    cancel() {
      finish(false);
    },
  });
}
