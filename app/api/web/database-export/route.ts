import { csvStream } from '@/lib/audit/csv';
import { databaseExportQuery } from '@/lib/db/schemas';
import { exportTable } from '@/lib/db/viewer';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { parseQuery, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** A whole table as CSV, streamed in batches (secret columns left out). */
export const GET = route({ auth: 'admin' }, (req) => {
  const { name, columns, rows } = exportTable(parseQuery(req, databaseExportQuery).table);
  return new Response(csvStream(columns.map((c) => c.name), rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
