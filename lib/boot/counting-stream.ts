import { open, type FileHandle } from 'node:fs/promises';

// Each chunk is a fresh buffer (the consumer, Next's response writer, gives no signal when one
// may be reused), freed only when V8 next collects: 1 MiB chunks save ~15 % CPU per GiB over
// 256 KiB but leave so much garbage between collections that 8 parallel downloads grow the
// server by more than 64 MiB (`npm run bench -- boot-images`, README "Performance").
export const CHUNK_BYTES = 256 * 1024;

/**
 * A web ReadableStream over a byte range of a file that reads only as fast as the client takes
 * (pull-based: one chunk read ahead, no file stream buffering more), and reports how many bytes
 * went out and whether the transfer finished or was cut off. The file is opened on the first
 * pull and closed when the range is sent, the client goes away or a read fails.
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
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (position > range.end) {
            controller.close();
            finish(true);
            return;
          }
          handle ??= open(file, 'r');
          const fh = await handle;
          const buffer = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, range.end + 1 - position));
          const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
          if (finished) return; // cancelled while reading
          if (bytesRead === 0) throw new Error(`${file} ended at byte ${position}, before the range did`);
          position += bytesRead;
          bytes += bytesRead;
          controller.enqueue(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead));
        } catch (err) {
          if (finished) return;
          controller.error(err);
          finish(false);
        }
      },
      async cancel() {
        finish(false);
      },
    },
    { highWaterMark: 1 },
  );
}
