import { createReadStream } from 'node:fs';

const CHUNK_BYTES = 256 * 1024;

/**
 * A web ReadableStream over a byte range of a file that reads only as fast as the client takes
 * (pull-based: at most one chunk buffered), and reports how many bytes went out and whether the
 * transfer finished or was cut off.
 */
export function fileRangeStream(
  file: string,
  range: { start: number; end: number },
  onDone: (bytes: number, completed: boolean) => void,
): ReadableStream<Uint8Array> {
  const source = createReadStream(file, { start: range.start, end: range.end, highWaterMark: CHUNK_BYTES });
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let bytes = 0;
  let reported = false;
  const report = (completed: boolean) => {
    if (reported) return;
    reported = true;
    onDone(bytes, completed);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) {
            controller.close();
            report(true);
            return;
          }
          bytes += value.length;
          controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.length));
        } catch (err) {
          controller.error(err);
          report(false);
        }
      },
      cancel() {
        source.destroy();
        report(false);
      },
    },
    { highWaterMark: 1 },
  );
}
