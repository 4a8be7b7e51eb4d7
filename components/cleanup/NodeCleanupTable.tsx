'use client';

import {
  DataTable, Table, TableBatchAction, TableBatchActions, TableBody, TableCell, TableContainer, TableRow, TableSelectRow, TableToolbar, Tag,
} from '@carbon/react';
import { TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { useHasRole } from '@/components/auth/RoleProvider';
import { ConfirmCleanupModal, type DeletionItem } from './ConfirmCleanupModal';
import { fetchJson } from '@/components/common/fetch-json';
import { send, unwrap } from '@/components/common/send';
import { EmptyTableRow, SelectableTableHead } from './SelectableTableHead';
import { useAction } from '@/components/common/useAction';

export interface CleanableNode {
  id: number;
  name: string;
  status: string;
  liveResources: number;
}

const headers = [
  { key: 'name', header: 'Node' },
  { key: 'status', header: 'Status' },
  { key: 'liveResources', header: 'Cloud resources in the ledger' },
];

/** Nodes that still hold cloud resources; operators select some and clean them up after confirming. */
export function NodeCleanupTable({ nodes }: { nodes: CleanableNode[] }) {
  const operator = useHasRole('operator');
  const [items, setItems] = useState<(DeletionItem & { id: number })[] | null>(null);
  const { busy, error, setError, run } = useAction();
  const rows = nodes.map((n) => ({ ...n, id: String(n.id) }));

  async function confirm(selected: CleanableNode[]) {
    setError(null);
    const plans = await Promise.all(selected.map((n) => fetchJson<{ resources: DeletionItem['resources'] }>(`/api/cleanup/plan/${n.id}`)));
    setItems(selected.map((n, i) => ({ id: n.id, label: `Node ${n.name}`, resources: plans[i].resources })));
  }

  async function start() {
    const targets = (items ?? []).map((i) => ({ type: 'node', id: i.id }));
    if (await run(async () => unwrap(await send('POST', '/api/cleanup/batch', { cleanup_targets: targets })))) setItems(null);
  }

  return (
    <>
      <DataTable rows={rows} headers={headers} isSortable>
        {({ rows: shown, headers: hs, getTableProps, getHeaderProps, getRowProps, getSelectionProps, getBatchActionProps, getToolbarProps, selectedRows }) => (
          <TableContainer title="Nodes holding cloud resources" description="Select nodes to tear down: server, VNIs, reserved IPs and DNS records, in that order.">
            <TableToolbar {...getToolbarProps()}>
              <TableBatchActions {...getBatchActionProps()}>
                <TableBatchAction renderIcon={TrashCan} onClick={() => confirm(selectedRows.map((r) => nodes.find((n) => String(n.id) === r.id)!))}>
                  Clean up
                </TableBatchAction>
              </TableBatchActions>
            </TableToolbar>
            <Table {...getTableProps()} aria-label="Nodes holding cloud resources">
              <SelectableTableHead selectable={operator} headers={hs} getHeaderProps={getHeaderProps} getSelectionProps={getSelectionProps} />
              <TableBody>
                {shown.length === 0 && <EmptyTableRow columns={hs.length + 1}>No node holds cloud resources.</EmptyTableRow>}
                {shown.map((row) => (
                  <TableRow {...getRowProps({ row })} key={row.id}>
                    {operator && <TableSelectRow {...getSelectionProps({ row })} />}
                    <TableCell>{row.cells[0].value}</TableCell>
                    <TableCell><Tag type={row.cells[1].value === 'failed' ? 'red' : 'gray'} size="sm">{row.cells[1].value}</Tag></TableCell>
                    <TableCell>{row.cells[2].value}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DataTable>
      <ConfirmCleanupModal open={items !== null} items={items ?? []} busy={busy} error={error} onCancel={() => setItems(null)} onConfirm={start} />
    </>
  );
}
