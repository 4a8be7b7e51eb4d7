import { actorLabel } from '@/lib/auth/identity';
import { cleanupDeps, reconcileNow } from '@/lib/cleanup/runtime';
import { orphanSweepSchema } from '@/lib/cleanup/schemas';
import { sweepOrphans } from '@/lib/cleanup/targets';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { withItemStatuses } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/** Reconciles first (fresh findings), then lists, or with `dry_run: false` cleans, what is at least max_age_hours old. */
export const POST = route({ auth: 'operator' }, async (req, { identity, audit }) => {
  const body = await parseBody(req, orphanSweepSchema);
  const reconciliation = await reconcileNow();
  const result = withItemStatuses(await sweepOrphans(body, actorLabel(identity), cleanupDeps()));
  if (!body.dry_run) await audit({ action: 'cleanup.orphaned', targetType: 'batch', after: JSON.parse(JSON.stringify(result)) });
  return json({ message: body.dry_run ? 'Orphan sweep (dry run)' : 'Orphan sweep started', reconciliation, ...result }, body.dry_run ? 200 : 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
