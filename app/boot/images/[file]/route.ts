import type { NextRequest } from 'next/server';
import { serveBootImage } from '@/lib/boot/images';
import { ForbiddenError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

type Params = { file: string };

// Images need the node's boot token (query or Bearer) like every other boot request; the iPXE
// script and installer config put it in every image URL they render.
function handler(method: 'GET' | 'HEAD') {
  return route<Params>({ auth: 'node' }, async (req: NextRequest, { params, identity, sourceIp }) => {
    if (identity.kind !== 'node') throw new ForbiddenError('A valid node token is required');
    return serveBootImage({ nodeId: identity.nodeId, name: params.file, method, headers: req.headers, sourceIp });
  });
}

export const GET = handler('GET');
export const HEAD = handler('HEAD');

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
