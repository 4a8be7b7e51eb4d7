import { findingsCsv, listFindings } from '@/lib/cleanup/drift/findings';
import { findingsQuerySchema } from '@/lib/cleanup/schemas';
import { json, parseQuery, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Drift findings with age and cost hint; `?format=csv` downloads them. */
export const GET = route({ auth: 'viewer' }, async (req) => {
  const query = parseQuery(req, findingsQuerySchema);
  const findings = await listFindings(query);
  if (query.format === 'csv') {
    return new Response(findingsCsv(findings), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="drift-findings.csv"' },
    });
  }
  return json({ findings, count: findings.length });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
