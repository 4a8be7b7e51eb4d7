import { json, parseQuery, route } from '@/lib/http/route';
import { recentEvents } from '@/lib/status/history';
import { eventsQuery } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The newest timeline events across nodes (or of one node with ?node_id=), newest first. */
export const GET = route({ auth: 'viewer' }, async (req) => {
  const q = parseQuery(req, eventsQuery);
  return json({ events: await recentEvents({ limit: q.limit, nodeId: q.node_id }) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
