'use client';

import { Button, Search, Select, SelectItem, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, TableToolbar, TableToolbarContent } from '@carbon/react';
import { Download } from '@carbon/icons-react';
import Link from 'next/link';
import { useState } from 'react';
import useSWR from 'swr';
import { formatDuration, formatTime } from '@/components/status/format';
import { fetchJson } from '@/components/common/fetch-json';
import { LIVE_REFRESH_MS } from '@/components/status/live';
import { StatusTag } from '@/components/status/StatusTag';
import type { DeploymentRow } from '@/lib/status/deployments';

export interface DeploymentsPage {
  deployments: DeploymentRow[];
  next_cursor: string | null;
}

const KINDS = ['provision', 'reinitialize', 'cleanup', 'cluster'];
const STATUSES = ['pending', 'running', 'compensating', 'succeeded', 'failed', 'cancelled'];
const PAGE_SIZE = 25;

function queryString(filter: { kind: string; status: string; q: string }, cursor?: string, format?: 'csv') {
  const p = new URLSearchParams();
  if (filter.kind) p.set('kind', filter.kind);
  if (filter.status) p.set('status', filter.status);
  if (filter.q.trim()) p.set('q', filter.q.trim());
  if (cursor) p.set('cursor', cursor);
  if (format) p.set('format', format);
  else p.set('limit', String(PAGE_SIZE));
  return p.toString();
}

/** Every workflow run with filters, cursor pages (newest first), live refresh and CSV export. */
export function DeploymentsTable({ initial }: { initial: DeploymentsPage }) {
  const [filter, setFilter] = useState({ kind: '', status: '', q: '' });
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const key = `/api/deployments?${queryString(filter, cursor)}`;
  const isDefault = !filter.kind && !filter.status && !filter.q && !cursor;
  const { data = initial, error } = useSWR<DeploymentsPage>(key, fetchJson, {
    refreshInterval: LIVE_REFRESH_MS,
    keepPreviousData: true,
    fallbackData: isDefault ? initial : undefined,
  });
  const update = (patch: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setCursors([]);
  };
  return (
    <TableContainer title="Deployments" description="Provision, reinitialize, cleanup and cluster runs, newest first">
      <TableToolbar>
        <TableToolbarContent>
          <Search labelText="Node or cluster" placeholder="Node or cluster name" size="lg" onChange={(e) => update({ q: e.target.value })} data-testid="deployments-search" />
          <Select id="deployments-kind" labelText="" hideLabel size="lg" value={filter.kind} onChange={(e) => update({ kind: e.target.value })}>
            <SelectItem value="" text="All kinds" />
            {KINDS.map((k) => <SelectItem key={k} value={k} text={k} />)}
          </Select>
          <Select id="deployments-status" labelText="" hideLabel size="lg" value={filter.status} onChange={(e) => update({ status: e.target.value })}>
            <SelectItem value="" text="All statuses" />
            {STATUSES.map((s) => <SelectItem key={s} value={s} text={s} />)}
          </Select>
          <Button kind="ghost" renderIcon={Download} href={`/api/deployments?${queryString(filter, undefined, 'csv')}`} data-testid="deployments-csv">
            Export CSV
          </Button>
        </TableToolbarContent>
      </TableToolbar>
      <Table size="md" data-testid="deployments-table">
        <TableHead>
          <TableRow>
            {['Created', 'Kind', 'Target', 'Status', 'Step', 'Duration', 'Error'].map((h) => <TableHeader key={h}>{h}</TableHeader>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.deployments.length === 0 && (
            <TableRow>
              <TableCell colSpan={7}>{error ? 'Could not load deployments.' : 'No deployments match.'}</TableCell>
            </TableRow>
          )}
          {data.deployments.map((d) => (
            <TableRow key={d.id} data-testid="deployment-row">
              <TableCell>{formatTime(d.created_at)}</TableCell>
              <TableCell>{d.kind}</TableCell>
              <TableCell>
                {d.node_id ? <Link href={`/nodes/${d.node_id}`}>{d.node_name}</Link> : d.cluster_name ?? '–'}
              </TableCell>
              <TableCell>
                <StatusTag status={d.status} />
              </TableCell>
              <TableCell>{d.current_step ?? '–'}</TableCell>
              <TableCell>{formatDuration(d.duration_seconds)}</TableCell>
              <TableCell>{d.error ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="table-pager">
        <Button kind="secondary" size="sm" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </Button>
        <Button kind="secondary" size="sm" disabled={!data.next_cursor} onClick={() => data.next_cursor && setCursors((c) => [...c, data.next_cursor!])}>
          Older
        </Button>
      </div>
    </TableContainer>
  );
}
