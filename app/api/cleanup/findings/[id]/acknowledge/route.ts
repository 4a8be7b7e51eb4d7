import { actorLabel } from '@/lib/auth/identity';
import { acknowledgeFinding } from '@/lib/cleanup/drift/findings';
import { findingIdParamSchema } from '@/lib/cleanup/schemas';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>({ auth: 'operator' }, async (_req, { params, identity, audit }) => {
  const { id } = findingIdParamSchema.parse(params);
  const finding = await acknowledgeFinding(id, actorLabel(identity));
  await audit({ action: 'drift.acknowledge', targetType: 'drift_finding', targetId: id, after: { ...finding } });
  return json({ finding });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
