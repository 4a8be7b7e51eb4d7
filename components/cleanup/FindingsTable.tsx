'use client';

import {
  Button, DataTable, Table, TableBatchAction, TableBatchActions, TableBody, TableCell, TableContainer, TableRow, TableSelectRow,
  TableToolbar, TableToolbarContent, Tag,
} from '@carbon/react';
import { Checkmark, Download, Renew, TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { useHasRole } from '@/components/auth/RoleProvider';
import type { FindingView } from '@/lib/cleanup/drift/findings';
import { ConfirmCleanupModal } from './ConfirmCleanupModal';
import { formatAge, formatUsd } from './format';
import { OrphanSweepButton } from './OrphanSweepButton';
import { send, unwrap } from '@/components/common/send';
import { EmptyTableRow, SelectableTableHead } from './SelectableTableHead';
import { useAction } from '@/components/common/useAction';

const KIND_TAG: Record<string, 'red' | 'magenta' | 'warm-gray' | 'cool-gray'> = { orphan: 'red', foreign: 'cool-gray', unexpected_state: 'magenta', vanished: 'warm-gray' };

const headers = [
  { key: 'kind', header: 'Finding' },
  { key: 'name', header: 'Resource' },
  { key: 'detail', header: 'Detail' },
  { key: 'age', header: 'Age' },
  { key: 'cost', header: 'Cost hint' },
  { key: 'status', header: 'Status' },
];

/** Drift findings: orphans, vanished ledger entries, unexpected server states; batch clean-up or acknowledge. */
export function FindingsTable({ findings }: { findings: FindingView[] }) {
  const operator = useHasRole('operator');
  const [pending, setPending] = useState<FindingView[] | null>(null);
  const { busy, error, run } = useAction();
  const byId = new Map(findings.map((f) => [String(f.id), f]));
  const rows = findings.map((f) => ({ id: String(f.id), kind: f.kind, name: f.name, detail: f.detail ?? '', age: f.age_seconds, cost: f.accrued_cost_usd, status: f.status }));

  const act = async (action: () => Promise<unknown>) => {
    if (await run(action)) setPending(null);
  };
  const cleanUp = (list: FindingView[]) =>
    act(async () => unwrap(await send('POST', '/api/cleanup/batch', { cleanup_targets: list.map((f) => ({ type: 'finding', id: f.id })) })));
  const acknowledge = (list: FindingView[]) => act(() => Promise.all(list.map(async (f) => unwrap(await send('POST', `/api/cleanup/findings/${f.id}/acknowledge`)))));

  return (
    <>
      <DataTable rows={rows} headers={headers} isSortable>
        {({ rows: shown, headers: hs, getTableProps, getHeaderProps, getRowProps, getSelectionProps, getBatchActionProps, getToolbarProps, selectedRows }) => {
          const selected = selectedRows.map((r) => byId.get(r.id)!);
          return (
            <TableContainer title="Drift findings" description="Orphans (resources we provably created, by tag or ledger history, that the live ledger lost), foreign resources (named like ours, not ours: reported only), ledger entries whose resource vanished, servers in unexpected states.">
              <TableToolbar {...getToolbarProps()}>
                <TableBatchActions {...getBatchActionProps()}>
                  <TableBatchAction renderIcon={TrashCan} onClick={() => setPending(selected)}>Clean up</TableBatchAction>
                  <TableBatchAction renderIcon={Checkmark} onClick={() => acknowledge(selected)}>Acknowledge</TableBatchAction>
                </TableBatchActions>
                <TableToolbarContent>
                  <Button kind="ghost" renderIcon={Download} href="/api/cleanup/findings?format=csv">Export CSV</Button>
                  {operator && <OrphanSweepButton />}
                  {operator && (
                    <Button kind="secondary" renderIcon={Renew} disabled={busy} onClick={() => act(async () => unwrap(await send('POST', '/api/cleanup/reconcile')))}>
                      Reconcile now
                    </Button>
                  )}
                </TableToolbarContent>
              </TableToolbar>
              <Table {...getTableProps()} aria-label="Drift findings">
                <SelectableTableHead selectable={operator} headers={hs} getHeaderProps={getHeaderProps} getSelectionProps={getSelectionProps} />
                <TableBody>
                  {shown.length === 0 && <EmptyTableRow columns={hs.length + 1}>No drift: the cloud matches the ledger.</EmptyTableRow>}
                  {shown.map((row) => {
                    const f = byId.get(row.id)!;
                    return (
                      <TableRow {...getRowProps({ row })} key={row.id}>
                        {operator && <TableSelectRow {...getSelectionProps({ row })} />}
                        <TableCell><Tag type={KIND_TAG[f.kind] ?? 'gray'} size="sm">{f.kind.replace('_', ' ')}</Tag></TableCell>
                        <TableCell>{f.resource_kind.replace(/_/g, ' ')} {f.name}</TableCell>
                        <TableCell>{f.detail}{f.last_error ? ` — last error: ${f.last_error}` : ''}</TableCell>
                        <TableCell>{formatAge(f.age_seconds)}</TableCell>
                        <TableCell>{f.hourly_cost_usd > 0 ? `${formatUsd(f.accrued_cost_usd)} (${formatUsd(f.hourly_cost_usd)}/h)` : '—'}</TableCell>
                        <TableCell>{f.status}{f.acknowledged_by ? ` by ${f.acknowledged_by}` : ''}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
          );
        }}
      </DataTable>
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
