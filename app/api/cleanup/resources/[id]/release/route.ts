import { getConfig } from '@/lib/config';
import { ledgerRowIdParamSchema } from '@/lib/cleanup/schemas';
import { json, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { getCloudClient } from '@/lib/ibmcloud';
import { releaseLedgerRow } from '@/lib/ledger/teardown';

export const dynamic = 'force-dynamic';

/** Admin only: forgets a ledger row once its resource is confirmed gone from the cloud (audited). */
export const POST = route<{ id: string }>({ auth: 'admin' }, async (_req, { params, audit }) => {
  const { id } = ledgerRowIdParamSchema.parse(params);
  const { before, after } = await releaseLedgerRow(id, getCloudClient(getConfig()));
  await audit({ action: 'cleanup.release_resource', targetType: 'cloud_resource', targetId: id, before, after });
  return json({ message: `Ledger row released: ${before.kind} ${before.name} is gone from the cloud`, resource: after });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
