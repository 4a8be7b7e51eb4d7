'use client';

import { Button, Search, Select, SelectItem } from '@carbon/react';
import { Download } from '@carbon/icons-react';
import Link from 'next/link';
import useSWR from 'swr';
import { fetchJson } from '@/components/common/fetch-json';
import { apiQuery, LIST_FILTERS } from '@/components/common/list-query';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { useListUrl } from '@/components/common/useListUrl';
import { formatDuration, formatTime } from '@/components/common/format';
import { LIVE_REFRESH_MS } from '@/components/status/live';
import { StatusTag } from '@/components/status/StatusTag';
import type { DeploymentRow } from '@/lib/status/deployments';
import { DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

export interface DeploymentsPage {
  deployments: DeploymentRow[];
  total: number;
}


const KINDS = ['provision', 'reinitialize', 'cleanup', 'cluster'];

const COLUMNS: Column<DeploymentRow>[] = [
  { key: 'created_at', header: 'Created', sort: 'created_at', render: (d) => formatTime(d.created_at) },
  { key: 'kind', header: 'Kind', sort: 'kind' },
  { key: 'target', header: 'Target', render: (d) => (d.node_id ? <Link href={`/nodes/${d.node_id}`}>{d.node_name}</Link> : d.cluster_name ?? '–') },
  { key: 'status', header: 'Status', sort: 'status', render: (d) => <StatusTag status={d.status} /> },
  { key: 'current_step', header: 'Step', render: (d) => d.current_step ?? '–' },
  { key: 'duration_seconds', header: 'Duration', render: (d) => formatDuration(d.duration_seconds) },
  { key: 'finished_at', header: 'Finished', sort: 'finished_at', render: (d) => (d.finished_at ? formatTime(d.finished_at) : '–') },
  { key: 'error', header: 'Error', render: (d) => d.error ?? '' },
];

/** Every workflow run with filters, numbered pages and sorting on the server (kept in the URL), live refresh and CSV export. */
export function DeploymentsTable({ initial, initialQuery }: { initial: DeploymentsPage; initialQuery: string }) {
  const { view, filters, update } = useListUrl(LIST_FILTERS.deployments);
  const query = apiQuery(view, filters);
  const { data, error } = useSWR<DeploymentsPage>(`/api/deployments?${query}`, fetchJson, {
    refreshInterval: LIVE_REFRESH_MS,
    keepPreviousData: true,
    fallbackData: query === initialQuery ? initial : undefined,
  });
  const csv = new URLSearchParams(Object.entries({ ...filters, format: 'csv' }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <ResourceTable
      ariaLabel="Deployments"
      title="Deployments"
      description={`${data?.total ?? 0} run(s): provision, reinitialize, cleanup and cluster`}
      testId="deployments-table"
      columns={COLUMNS}
      rows={data?.deployments ?? []}
      rowTestId={() => 'deployment-row'}
      paging={{ total: data?.total ?? 0, view, defaultSort: { sort: 'created_at', order: 'desc' }, onChange: update }}
      empty={error ? 'Could not load deployments.' : 'No deployments match.'}
      toolbar={
        <>
          <Search labelText="Node or cluster" placeholder="Node or cluster name" size="lg" defaultValue={filters.q ?? ''} onChange={(e) => update({ q: e.target.value.trim() })} data-testid="deployments-search" />
          <Select id="deployments-kind" labelText="Kind" hideLabel size="lg" value={filters.kind ?? ''} onChange={(e) => update({ kind: e.target.value })}>
            <SelectItem value="" text="All kinds" />
            {KINDS.map((k) => <SelectItem key={k} value={k} text={k} />)}
          </Select>
          <Select id="deployments-status" labelText="Status" hideLabel size="lg" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <SelectItem value="" text="All statuses" />
            {DEPLOYMENT_STATUSES.map((s) => <SelectItem key={s} value={s} text={s} />)}
          </Select>
          <Button kind="ghost" renderIcon={Download} href={`/api/deployments?${csv}`} data-testid="deployments-csv">
            Export CSV
          </Button>
        </>
      }
    />
  );
}
