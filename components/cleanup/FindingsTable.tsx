'use client';

import { Button, Tag } from '@carbon/react';
import { Checkmark, Download, Renew, TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { useHasRole } from '@/components/auth/RoleProvider';
import type { FindingView } from '@/lib/cleanup/drift/findings';
import { ConfirmCleanupModal } from './ConfirmCleanupModal';
import { formatDuration, formatUsd } from '@/components/common/format';
import { OrphanSweepButton } from './OrphanSweepButton';
import { send, unwrap } from '@/components/common/send';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { useAction } from '@/components/common/useAction';

const KIND_TAG: Record<string, 'red' | 'magenta' | 'warm-gray' | 'cool-gray'> = { orphan: 'red', foreign: 'cool-gray', unexpected_state: 'magenta', vanished: 'warm-gray' };

const COLUMNS: Column<FindingView>[] = [
  { key: 'kind', header: 'Finding', sort: true, render: (f) => <Tag type={KIND_TAG[f.kind] ?? 'gray'} size="sm">{f.kind.replace('_', ' ')}</Tag> },
  { key: 'name', header: 'Resource', sort: true, render: (f) => `${f.resource_kind.replace(/_/g, ' ')} ${f.name}` },
  { key: 'detail', header: 'Detail', render: (f) => `${f.detail ?? ''}${f.last_error ? ` — last error: ${f.last_error}` : ''}` },
  { key: 'age', header: 'Age', value: (f) => f.age_seconds, sort: true, render: (f) => formatDuration(f.age_seconds) },
  { key: 'cost', header: 'Cost hint', value: (f) => f.accrued_cost_usd, sort: true, render: (f) => (f.hourly_cost_usd > 0 ? `${formatUsd(f.accrued_cost_usd)} (${formatUsd(f.hourly_cost_usd)}/h)` : '—') },
  { key: 'status', header: 'Status', sort: true, render: (f) => `${f.status}${f.acknowledged_by ? ` by ${f.acknowledged_by}` : ''}` },
];

/** Drift findings: orphans, vanished ledger entries, unexpected server states; batch clean-up or acknowledge. */
export function FindingsTable({ findings }: { findings: FindingView[] }) {
  const operator = useHasRole('operator');
  const [pending, setPending] = useState<FindingView[] | null>(null);
  const { busy, error, run } = useAction();

  const act = async (action: () => Promise<unknown>) => {
    if (await run(action)) setPending(null);
  };
  const cleanUp = (list: FindingView[]) =>
    act(async () => unwrap(await send('POST', '/api/cleanup/batch', { cleanup_targets: list.map((f) => ({ type: 'finding', id: f.id })) })));
  const acknowledge = (list: FindingView[]) => act(() => Promise.all(list.map(async (f) => unwrap(await send('POST', `/api/cleanup/findings/${f.id}/acknowledge`)))));

  return (
    <>
      <ResourceTable
        ariaLabel="Drift findings"
        title="Drift findings"
        description="Orphans (resources we provably created, by tag or ledger history, that the live ledger lost), foreign resources (named like ours, not ours: reported only), ledger entries whose resource vanished, servers in unexpected states."
        columns={COLUMNS}
        rows={findings}
        selectable={operator}
        batchActions={[
          { label: 'Clean up', icon: TrashCan, onClick: (selected) => setPending(selected) },
          { label: 'Acknowledge', icon: Checkmark, onClick: (selected) => acknowledge(selected) },
        ]}
        empty="No drift: the cloud matches the ledger."
        toolbar={
          <>
            <Button kind="ghost" renderIcon={Download} href="/api/cleanup/findings?format=csv">Export CSV</Button>
            {operator && <OrphanSweepButton />}
            {operator && (
              <Button kind="secondary" renderIcon={Renew} disabled={busy} onClick={() => act(async () => unwrap(await send('POST', '/api/cleanup/reconcile')))}>
                Reconcile now
              </Button>
            )}
          </>
        }
      />
      <ConfirmCleanupModal
        open={pending !== null}
        busy={busy}
        error={error}
        items={(pending ?? []).map((f) => ({ label: `Finding ${f.id}: ${f.kind.replace('_', ' ')}`, resources: f.kind === 'vanished' ? [] : [{ kind: f.resource_kind, name: f.name, cloud_id: f.cloud_id }] }))}
        onCancel={() => setPending(null)}
        onConfirm={() => cleanUp(pending ?? [])}
      />
    </>
  );
}
