import { csvCell } from '@/lib/audit/csv';
import type { DeploymentRow } from './deployments';

export const DEPLOYMENT_CSV_COLUMNS = [
  'id', 'kind', 'status', 'node_id', 'node_name', 'cluster_id', 'cluster_name', 'current_step', 'error',
  'requested_by', 'created_at', 'started_at', 'finished_at', 'duration_seconds',
] as const satisfies readonly (keyof DeploymentRow)[];

async function* lines(rows: AsyncIterable<DeploymentRow>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(DEPLOYMENT_CSV_COLUMNS.join(',') + '\r\n');
  for await (const row of rows) yield encoder.encode(DEPLOYMENT_CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\r\n');
}

/** The CSV export body (RFC 4180, spreadsheet-safe cells), streamed row by row. */
export function deploymentsCsv(rows: AsyncIterable<DeploymentRow>): ReadableStream<Uint8Array> {
  const iterator = lines(rows);
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
