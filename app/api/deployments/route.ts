import { json, parseQuery, route } from '@/lib/http/route';
import { allDeployments, listDeployments } from '@/lib/status/deployments';
import { deploymentsCsv } from '@/lib/status/deployments-csv';
import { deploymentsQuery } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Every workflow run, newest first, filtered and cursor-paginated; `?format=csv` exports all matches. */
export const GET = route({ auth: 'viewer' }, async (req) => {
  const { format, limit, cursor, ...filter } = parseQuery(req, deploymentsQuery);
  if (format === 'csv') {
    return new Response(deploymentsCsv(allDeployments(filter)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="deployments.csv"' },
    });
  }
  return json(await listDeployments({ ...filter, limit, cursor }));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
