import { open, type FileHandle } from 'node:fs/promises';

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
