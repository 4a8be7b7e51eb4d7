import { nodeTokenOf } from '@/lib/auth/authenticate';
import { serveInstallScript } from '@/lib/boot/install-scripts';
import { ForbiddenError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>({ auth: 'node' }, async (req, { params, identity, sourceIp }) => {
  if (identity.kind !== 'node') throw new ForbiddenError('A valid node token is required');
  const text = await serveInstallScript({ nodeId: identity.nodeId, name: params.name, token: nodeTokenOf(req) ?? '', sourceIp });
  return new Response(text, { headers: { 'content-type': 'text/x-shellscript; charset=utf-8', 'cache-control': 'no-store' } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
