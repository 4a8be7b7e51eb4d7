'use client';

import { Button, DataTable, ProgressBar, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, TableToolbar, TableToolbarContent } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import Link from 'next/link';
import useSWR from 'swr';
import { RoleGate } from '@/components/auth/RoleGate';
import type { ClusterView } from '@/lib/clusters/views';
import { fetchJson } from '@/components/common/fetch-json';
import { ClusterStatusTag } from './ClusterStatusTag';

const HEADERS = [
  { key: 'name', header: 'Name' },
  { key: 'type', header: 'Type' },
  { key: 'members', header: 'Members' },
  { key: 'status', header: 'Status' },
  { key: 'progress', header: 'Progress' },
  { key: 'clusterIp', header: 'Cluster IP' },
];

/** All clusters, refreshed every few seconds while any is still forming. */
export function ClusterTable({ initial }: { initial: ClusterView[] }) {
  const { data } = useSWR<{ clusters: ClusterView[] }>('/api/config/clusters', fetchJson, {
    fallbackData: { clusters: initial },
    refreshInterval: (latest) => (latest?.clusters.some((c) => c.status === 'pending' || c.status === 'forming') ? 2000 : 15000),
  });
  const clusters = data?.clusters ?? initial;
  const byId = new Map(clusters.map((c) => [String(c.id), c]));
  const rows = clusters.map((c) => ({ id: String(c.id), name: c.name, type: c.type, members: c.nodeCount, status: c.status, progress: c.progress, clusterIp: c.clusterIp ?? '—' }));
  return (
    <DataTable rows={rows} headers={HEADERS} isSortable>
      {({ rows: tableRows, headers, getTableProps, getHeaderProps, getRowProps }) => (
        <TableContainer>
          <TableToolbar>
            <TableToolbarContent>
              <RoleGate min="operator">
                <Button href="/clusters/new" renderIcon={Add} kind="primary">
                  Create cluster
                </Button>
              </RoleGate>
            </TableToolbarContent>
          </TableToolbar>
          <Table {...getTableProps()} aria-label="Clusters">
            <TableHead>
              <TableRow>
                {headers.map((h) => {
                  const { key, ...props } = getHeaderProps({ header: h });
                  return (
                    <TableHeader key={key} {...props}>
                      {h.header}
                    </TableHeader>
                  );
                })}
              </TableRow>
            </TableHead>
            <TableBody>
              {tableRows.map((row) => {
                const c = byId.get(row.id)!;
                const { key, ...props } = getRowProps({ row });
                return (
                  <TableRow key={key} {...props} data-testid={`cluster-row-${c.name}`}>
                    <TableCell>
                      <Link href={`/clusters/${c.id}`}>{c.name}</Link>
                    </TableCell>
                    <TableCell>{c.type === 'single_node' ? 'Single node (RF1)' : `Multi node (RF${c.redundancyFactor})`}</TableCell>
                    <TableCell>{c.nodeCount}</TableCell>
                    <TableCell>
                      <ClusterStatusTag status={c.status} />
                    </TableCell>
                    <TableCell>
                      <ProgressBar label={`${c.name} progress`} hideLabel value={c.progress} size="small" status={c.status === 'failed' ? 'error' : c.status === 'ready' ? 'finished' : 'active'} />
                    </TableCell>
                    <TableCell>{c.clusterIp ?? '—'}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </DataTable>
  );
}
