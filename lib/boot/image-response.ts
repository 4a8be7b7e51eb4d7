import { stat } from 'node:fs/promises';
import { NotFoundError } from '@/lib/errors';
import { etagOf, isNotModified, rangeStillValid } from './conditional';
import { fileRangeStream } from './counting-stream';
import { parseRange } from './http-range';
import { imagePath } from './image-path';

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
