import { actorLabel } from '@/lib/auth/identity';
import { cleanupDeps } from '@/lib/cleanup/runtime';
import { batchCleanupSchema } from '@/lib/cleanup/schemas';
import { cleanupBatch } from '@/lib/cleanup/targets';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { withItemStatuses } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/** Per-target results; 207 when some targets failed (404, 409) and others started. */
export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const { cleanup_targets } = await parseBody(req, batchCleanupSchema);
  const result = withItemStatuses(await cleanupBatch(cleanup_targets, actorLabel(identity), cleanupDeps()));
  await audit({ action: 'cleanup.batch', targetType: 'batch', after: JSON.parse(JSON.stringify(result)) });
  return json({ message: `Batch cleanup: ${result.succeeded} of ${result.total} started`, ...result }, result.failed ? 207 : 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
