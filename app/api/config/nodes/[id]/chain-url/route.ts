import { getConfig } from '@/lib/config';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { json, route } from '@/lib/http/route';
import { getNodeChainUrl } from '@/lib/provisioning/queries';
import { nodeIdParamSchema } from '@/lib/provisioning/schemas';

export const dynamic = 'force-dynamic';

/**
 * The URL the node chain-loads (with its boot token), for operators who boot by hand when
 * debugging. Admins only; every read is audited.
 */
export const GET = route<{ id: string }>({ auth: 'admin' }, async (_req, { params, audit }) => {
  const { id } = nodeIdParamSchema.parse(params);
  const chainUrl = await getNodeChainUrl(id, getConfig().publicBaseUrl);
  await audit({ action: 'node.chain_url.read', targetType: 'node', targetId: id, after: { available: chainUrl !== null } });
  return json({ chain_url: chainUrl });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
