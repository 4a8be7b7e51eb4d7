import { nodeTokenOf } from '@/lib/auth/authenticate';
import { serveInstallerConfig } from '@/lib/boot/installer';
import { ForbiddenError } from '@/lib/errors';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ ip: string }>({ auth: 'node' }, async (req, { params, identity, sourceIp }) => {
  if (identity.kind !== 'node') throw new ForbiddenError('A valid node token is required');
  const body = await serveInstallerConfig({ nodeId: identity.nodeId, ip: params.ip, token: nodeTokenOf(req) ?? '', sourceIp });
  return json(body, { headers: { 'cache-control': 'no-store' } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
