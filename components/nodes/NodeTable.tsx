'use client';

import {
  Button,
  DataTable,
  Dropdown,
  InlineNotification,
  OverflowMenu,
  OverflowMenuItem,
  Pagination,
  Table,
  TableBatchAction,
  TableBatchActions,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableSelectAll,
  TableSelectRow,
  TableToolbar,
  TableToolbarContent,
  TableToolbarSearch,
} from '@carbon/react';
import { Add, Renew, TrashCan } from '@carbon/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import useSWR from 'swr';
import { RoleGate } from '@/components/auth/RoleGate';
import { useHasRole } from '@/components/auth/RoleProvider';
import type { NodeSummary } from '@/lib/provisioning/queries';
import { fetchJson } from '@/components/common/fetch-json';
import { send } from '@/components/common/send';
import { FILTERABLE_STATUSES } from './node-status';
import { NodeStatusTag } from './NodeStatusTag';

const HEADERS = [
  { key: 'node_name', header: 'Name' },
  { key: 'deployment_status', header: 'Status' },
  { key: 'phase', header: 'Phase' },
  { key: 'progress', header: 'Progress' },
  { key: 'management_ip', header: 'Management IP' },
  { key: 'server_profile', header: 'Profile' },
  { key: 'created_at', header: 'Created' },
];

const ALL = 'all';

/** The Nodes list: search, status filter, sortable columns, pages, row and batch actions. Live. */
export function NodeTable({ initial }: { initial: { nodes: NodeSummary[] } }) {
  const router = useRouter();
  const canOperate = useHasRole('operator');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string>(ALL);
  const [page, setPage] = useState({ page: 1, pageSize: 25 });
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const query = new URLSearchParams({ limit: '200' });
  if (search.trim()) query.set('search', search.trim());
  if (status !== ALL) query.set('status', status);
  const key = `/api/config/nodes?${query}`;
  const { data, mutate } = useSWR<{ nodes: NodeSummary[] }>(key, fetchJson, {
    refreshInterval: 3000,
    fallbackData: search || status !== ALL ? undefined : initial,
    keepPreviousData: true,
  });
  const nodes = data?.nodes ?? [];
  const start = (page.page - 1) * page.pageSize;
  const rows = nodes.slice(start, start + page.pageSize).map((n) => ({ ...n, id: String(n.id) }));

  async function reinitialize(ids: string[]) {
    const results = await Promise.all(ids.map((id) => send('POST', '/api/reinitialize', { node_id: Number(id) })));
    const failed = results.flatMap((r) => (r.ok ? [] : [r.problem]));
    setNotice(
      failed.length
        ? { kind: 'error', text: `${failed.length} of ${ids.length} reinitialize request(s) refused: ${failed.map((f) => f.detail).join('; ')}` }
        : { kind: 'success', text: `Reinitialize started for ${ids.length} node(s)` },
    );
    await mutate();
  }

  async function cleanup(ids: string[]) {
    const res = await send<{ message?: string }>('POST', '/api/cleanup/batch', { cleanup_targets: ids.map((id) => ({ type: 'node', id: Number(id) })) });
    setNotice(res.ok && res.status === 202 ? { kind: 'success', text: res.data?.message ?? 'Cleanup started' } : { kind: 'error', text: res.ok ? res.data?.message ?? 'Cleanup refused' : res.problem.detail });
    await mutate();
  }

  return (
    <>
      {notice && (
        <InlineNotification kind={notice.kind} title={notice.kind === 'success' ? 'Done' : 'Some actions failed'} subtitle={notice.text} onClose={() => setNotice(null)} lowContrast />
      )}
      <DataTable rows={rows} headers={HEADERS} isSortable>
        {({ rows: tableRows, headers, getHeaderProps, getRowProps, getSelectionProps, getBatchActionProps, getToolbarProps, selectedRows, getTableProps }) => {
          const batch = getBatchActionProps();
          return (
            <TableContainer title="Nodes" description={`${nodes.length} node(s)`}>
              <TableToolbar {...getToolbarProps()}>
                <TableBatchActions {...batch}>
                  <TableBatchAction renderIcon={Renew} onClick={() => reinitialize(selectedRows.map((r) => r.id))} tabIndex={batch.shouldShowBatchActions ? 0 : -1}>
                    Reinitialize
                  </TableBatchAction>
                  <TableBatchAction renderIcon={TrashCan} onClick={() => cleanup(selectedRows.map((r) => r.id))} tabIndex={batch.shouldShowBatchActions ? 0 : -1}>
                    Clean up
                  </TableBatchAction>
                </TableBatchActions>
                <TableToolbarContent aria-hidden={batch.shouldShowBatchActions}>
                  <TableToolbarSearch
                    persistent
                    placeholder="Search by name or IP"
                    onChange={(e) => {
                      setSearch(typeof e === 'string' ? e : e.target.value);
                      setPage((p) => ({ ...p, page: 1 }));
                    }}
                  />
                  <Dropdown
                    id="status-filter"
                    titleText=""
                    hideLabel
                    label="Status"
                    type="inline"
                    items={[ALL, ...FILTERABLE_STATUSES]}
                    itemToString={(s) => (s === ALL ? 'All statuses' : String(s))}
                    selectedItem={status}
                    onChange={({ selectedItem }) => {
                      setStatus(selectedItem ?? ALL);
                      setPage((p) => ({ ...p, page: 1 }));
                    }}
                  />
                  <RoleGate min="operator">
                    <Button renderIcon={Add} onClick={() => router.push('/nodes/new')}>
                      Provision node
                    </Button>
                  </RoleGate>
                </TableToolbarContent>
              </TableToolbar>
              <Table {...getTableProps()} aria-label="Nodes">
                <TableHead>
                  <TableRow>
                    {canOperate && <TableSelectAll {...getSelectionProps()} />}
                    {headers.map((h) => {
                      const { key: headerKey, ...props } = getHeaderProps({ header: h });
                      return (
                        <TableHeader key={headerKey} {...props}>
                          {h.header}
                        </TableHeader>
                      );
                    })}
                    <TableHeader aria-label="Actions" />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {tableRows.map((row) => {
                    const { key: rowKey, ...rowProps } = getRowProps({ row });
                    return (
                      <TableRow key={rowKey} {...rowProps} data-testid={`node-row-${row.id}`}>
                        {canOperate && <TableSelectRow {...getSelectionProps({ row })} />}
                        {row.cells.map((cell) => (
                          <TableCell key={cell.id}>{renderCell(cell.info.header, cell.value, row.id)}</TableCell>
                        ))}
                        <TableCell className="cds--table-column-menu">
                          <OverflowMenu size="sm" flipped aria-label={`Actions for node ${row.id}`}>
                            <OverflowMenuItem itemText="View details" onClick={() => router.push(`/nodes/${row.id}`)} />
                            {canOperate && <OverflowMenuItem itemText="Reinitialize" onClick={() => reinitialize([row.id])} />}
                            {canOperate && <OverflowMenuItem itemText="Clean up" isDelete hasDivider onClick={() => cleanup([row.id])} />}
                          </OverflowMenu>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              <Pagination
                page={page.page}
                pageSize={page.pageSize}
                pageSizes={[10, 25, 50, 100]}
                totalItems={nodes.length}
                onChange={({ page: p, pageSize }) => setPage({ page: p, pageSize })}
              />
            </TableContainer>
          );
        }}
      </DataTable>
    </>
  );
}

function renderCell(header: string, value: unknown, id: string) {
  switch (header) {
    case 'node_name':
      return <Link href={`/nodes/${id}`}>{String(value)}</Link>;
    case 'deployment_status':
      return <NodeStatusTag status={String(value)} />;
    case 'progress':
      return `${value ?? 0}%`;
    case 'created_at':
      return new Date(String(value)).toLocaleString();
    default:
      return value === null || value === undefined ? '—' : String(value);
  }
}
