import type { AuditEntryView } from './query';

const COLUMNS = ['id', 'at', 'actorType', 'actorId', 'actorLabel', 'action', 'targetType', 'targetId', 'outcome', 'sourceIp', 'requestId', 'before', 'after'] as const;

/** RFC 4180 quoting; cells starting with = + - @ are prefixed so spreadsheets do not run them. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvHeader(): string {
  return COLUMNS.join(',') + '\r\n';
}

export function auditCsvRow(entry: AuditEntryView): string {
  return COLUMNS.map((c) => csvCell(entry[c])).join(',') + '\r\n';
}

/** A streamed CSV body for a sequence of entries. */
export function auditCsvStream(entries: AsyncIterable<AuditEntryView>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = entries[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(auditCsvHeader()));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
    },
  });
}
