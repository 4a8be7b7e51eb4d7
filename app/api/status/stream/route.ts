import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';
import { liveEventStream } from '@/lib/status/live-stream';

export const dynamic = 'force-dynamic';

/** Live updates for the console as server-sent events (deployment, node and cluster changes). */
export const GET = route({ auth: 'viewer' }, (req) =>
  new Response(liveEventStream(req.signal), {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx must pass each event on at once rather than buffer the response.
      'x-accel-buffering': 'no',
    },
  }),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
