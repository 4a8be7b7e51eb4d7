import { json, parseQuery, route } from '@/lib/http/route';
import { deploymentActivity } from '@/lib/status/activity';
import { activityQuery } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Install deployments started / succeeded / failed per hour or day (?range=24h|7d|30d). */
export const GET = route({ auth: 'viewer' }, async (req) => {
  const { range } = parseQuery(req, activityQuery);
  return json({ range, buckets: await deploymentActivity(range) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
