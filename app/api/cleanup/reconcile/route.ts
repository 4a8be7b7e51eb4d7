import { reconcileNow } from '@/lib/cleanup/runtime';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Runs the drift reconciliation now instead of waiting for its schedule. */
export const POST = route({ auth: 'operator' }, async (_req, { audit }) => {
  const result = await reconcileNow();
  await audit({ action: 'drift.reconcile', targetType: 'drift', after: { ...result } });
  return json(result);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
