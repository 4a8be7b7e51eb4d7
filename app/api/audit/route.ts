import { auditCsvStream } from '@/lib/audit/csv';
import { allAuditEntries, queryAudit } from '@/lib/audit/query';
import { auditQuerySchema } from '@/lib/audit/schemas';
import { json, parseQuery, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * The audit log, newest first, for operators and admins (viewers do not see who did what: the
 * log names people and their addresses). `?format=csv` exports every matching entry.
 */
export const GET = route({ auth: 'operator' }, async (req) => {
  const { format, limit, cursor, ...filter } = parseQuery(req, auditQuerySchema);
  if (format === 'csv') {
    return new Response(auditCsvStream(allAuditEntries(filter)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit.csv"' },
    });
  }
  return json(await queryAudit({ ...filter, limit, cursor }));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
