import { route } from '@/lib/http/route';
import { authorizeMetricsScrape } from '@/lib/metrics/access';
import { renderMetrics } from '@/lib/metrics/registry';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Prometheus text exposition; METRICS_TOKEN, METRICS_ALLOW or an admin (see lib/metrics/access.ts). */
export const GET = route({ auth: 'public' }, async (req, { sourceIp }) => {
  await authorizeMetricsScrape(req, sourceIp);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
