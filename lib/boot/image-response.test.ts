import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, fileRangeStream, imagePath, isSafeImageName, parseRange } from './image-response';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nvo-range-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openFds = () => readdirSync('/proc/self/fd').length;

function fileOf(size: number) {
  const content = randomBytes(size);
  const file = path.join(dir, `f-${size}-${Math.random()}`);
  writeFileSync(file, content);
  return { file, content };
}

function recorder() {
  const calls: { bytes: number; completed: boolean }[] = [];
  return { calls, onDone: (bytes: number, completed: boolean) => calls.push({ bytes, completed }) };
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return chunks;
}

describe('fileRangeStream', () => {
  it('sends exactly the range in chunks of CHUNK_BYTES, then reports it complete', async () => {
    const { file, content } = fileOf(2.5 * CHUNK_BYTES);
    const { calls, onDone } = recorder();
    const range = { start: 100, end: content.length - 8 };
    const chunks = await readAll(fileRangeStream(file, range, onDone));
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES, range.end + 1 - range.start - 2 * CHUNK_BYTES]);
    expect(Buffer.concat(chunks).equals(content.subarray(range.start, range.end + 1))).toBe(true);
    expect(calls).toEqual([{ bytes: range.end + 1 - range.start, completed: true }]);
  });

  it('reads the range straight into the buffer a BYOB reader brings, which it can use again', async () => {
    const { file, content } = fileOf(3 * CHUNK_BYTES);
    const { calls, onDone } = recorder();
    const reader = fileRangeStream(file, { start: 10, end: content.length - 1 }, onDone).getReader({ mode: 'byob' });
    const received: Buffer[] = [];
    let buffer = new Uint8Array(2 * CHUNK_BYTES);
    for (;;) {
      const { value, done } = await reader.read(buffer);
      if (done) break;
      received.push(Buffer.from(value));
      expect(value.buffer.byteLength).toBe(2 * CHUNK_BYTES);
      buffer = new Uint8Array(value.buffer);
    }
    expect(received.map((r) => r.length)).toEqual([2 * CHUNK_BYTES, CHUNK_BYTES - 10]);
    expect(Buffer.concat(received).equals(content.subarray(10))).toBe(true);
    expect(calls).toEqual([{ bytes: content.length - 10, completed: true }]);
  });

  it('reads only as fast as the client takes, and a client that goes away is reported cut off with the file closed', async () => {
    const { file, content } = fileOf(8 * CHUNK_BYTES);
    const { calls, onDone } = recorder();
    const before = openFds();
    const stream = fileRangeStream(file, { start: 0, end: content.length - 1 }, onDone);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(CHUNK_BYTES);
    await new Promise((r) => setTimeout(r, 50));
    await reader.cancel();
    expect(calls).toHaveLength(1);
    expect(calls[0].completed).toBe(false);
    // The chunk given and at most one read ahead: never the whole file for a client that stalls.
    expect(calls[0].bytes).toBeLessThanOrEqual(2 * CHUNK_BYTES);
    await new Promise((r) => setTimeout(r, 20));
    expect(openFds()).toBe(before);
  });

  it('fails (and says the transfer was cut off) when the file ends before the range does', async () => {
    const { file, content } = fileOf(3 * CHUNK_BYTES);
    const { calls, onDone } = recorder();
    const stream = fileRangeStream(file, { start: 0, end: content.length - 1 }, onDone);
    // Replaced by a shorter file after the answer's Content-Length was set: the client must not
    // receive a short body that ends as if it were complete.
    truncateSync(file, CHUNK_BYTES + 10);
    await expect(readAll(stream)).rejects.toThrow(`ended at byte ${CHUNK_BYTES + 10}`);
    expect(calls).toEqual([{ bytes: CHUNK_BYTES + 10, completed: false }]);
  });
});

describe('parseRange', () => {
  it('serves the whole file without a Range header or with a malformed one', () => {
    expect(parseRange(null, 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
  });

  it('reads closed, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', range: { start: 10, end: 19 } });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-5', 100)).toEqual({ kind: 'partial', range: { start: 95, end: 99 } });
    expect(parseRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', range: { start: 50, end: 99 } });
  });

  it('is unsatisfiable when the range starts past the end', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('imagePath', () => {
  it('resolves a plain name inside the images directory', () => {
    expect(imagePath('/srv/images', 'initrd-vpc.img')).toBe('/srv/images/initrd-vpc.img');
  });

  it.each(['../etc/passwd', '..', '.env', 'a/b', 'a\\b', 'x\0y', '..%2Fetc', '%2e%2e', 'kernel/..', ''])('refuses %j', (name) => {
    expect(isSafeImageName(name)).toBe(false);
    expect(() => imagePath('/srv/images', name)).toThrow(/No boot image/);
  });
});
