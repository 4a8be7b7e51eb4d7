import { actorLabel } from '@/lib/auth/identity';
import { startFindingCleanup } from '@/lib/cleanup/drift/clean-finding';
import { cleanupDeps } from '@/lib/cleanup/runtime';
import { findingIdParamSchema } from '@/lib/cleanup/schemas';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = findingIdParamSchema.parse(params);
  const finding = await startFindingCleanup(id, actorLabel(identity), cleanupDeps());
  await audit({ action: 'drift.cleanup', targetType: 'drift_finding', targetId: id, after: { ...finding } });
  return json({ finding }, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
