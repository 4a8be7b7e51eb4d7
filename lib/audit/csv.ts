import type { AuditEntryView } from './query';

const COLUMNS = ['id', 'at', 'actorType', 'actorId', 'actorLabel', 'action', 'targetType', 'targetId', 'outcome', 'sourceIp', 'requestId', 'before', 'after'] as const;

/** RFC 4180 quoting; cells starting with = + - @ are prefixed so spreadsheets do not run them. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A streamed CSV body for a sequence of entries. */
export function auditCsvStream(entries: AsyncIterable<AuditEntryView>): ReadableStream<Uint8Array> {
  return csvStream(COLUMNS, entries);
}

/** A streamed CSV body: a header of `columns`, then one line per row, pulled as the client reads. */
export function csvStream<R extends object>(columns: readonly (keyof R & string)[], rows: AsyncIterable<R>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(columns.join(',') + '\r\n'));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(columns.map((c) => csvCell(next.value[c])).join(',') + '\r\n'));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
