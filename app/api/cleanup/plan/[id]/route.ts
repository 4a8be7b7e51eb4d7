import { planNodeCleanup } from '@/lib/ledger/ledger';
import { nodeIdParamSchema } from '@/lib/cleanup/schemas';
import { planSummary } from '@/lib/cleanup/start';
import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** What a cleanup of the node would delete now (the confirmation dialog lists it). */
export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = nodeIdParamSchema.parse(params);
  const node = await db.node.findUnique({ where: { id }, select: { id: true, name: true, status: true } });
  if (!node) throw new NotFoundError(`Node ${id} does not exist`);
  return json({ node, resources: planSummary(await planNodeCleanup(id)) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
