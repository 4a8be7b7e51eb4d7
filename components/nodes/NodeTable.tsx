'use client';

import { Button, Dropdown, OverflowMenu, OverflowMenuItem, TableToolbarSearch } from '@carbon/react';
import { Add, GroupObjects, Renew, TrashCan } from '@carbon/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import useSWR from 'swr';
import { RoleGate } from '@/components/auth/RoleGate';
import { useHasRole } from '@/components/auth/RoleProvider';
import { fetchJson } from '@/components/common/fetch-json';
import { formatTime } from '@/components/common/format';
import { apiQuery, LIST_FILTERS } from '@/components/common/list-query';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { useListUrl } from '@/components/common/useListUrl';
import { LIVE_REFRESH_MS } from '@/components/status/live';
import type { NodeSummary } from '@/lib/provisioning/queries';
import { statusesWhere } from '@/lib/status/node-statuses';
import { AddToClusterModal } from './AddToClusterModal';
import { BulkResults, type BulkOutcome } from './BulkResults';
import { addToCluster, cleanUpNodes, reinitializeNodes } from './bulk-actions';
import { NodeStatusTag } from './NodeStatusTag';

export interface NodesPage {
  nodes: NodeSummary[];
  total: number;
}


const COLUMNS: Column<NodeSummary>[] = [
  { key: 'node_name', header: 'Name', sort: 'node_name', render: (n) => <Link href={`/nodes/${n.id}`}>{n.node_name}</Link> },
  { key: 'deployment_status', header: 'Status', sort: 'deployment_status', render: (n) => <NodeStatusTag status={n.deployment_status} /> },
  { key: 'phase', header: 'Phase', sort: 'phase' },
  { key: 'progress', header: 'Progress', sort: 'progress', render: (n) => `${n.progress ?? 0}%` },
  { key: 'management_ip', header: 'Management IP', sort: 'management_ip' },
  { key: 'server_profile', header: 'Profile', sort: 'server_profile' },
  { key: 'created_at', header: 'Created', sort: 'created_at', render: (n) => formatTime(n.created_at) },
];

/**
 * The Nodes list, paged, filtered and sorted by the server (the URL keeps page, size, sort and
 * filters), with the true total, live refresh, and bulk actions reporting each node's outcome.
 */
export function NodeTable({ initial, initialQuery }: { initial: NodesPage; initialQuery: string }) {
  const router = useRouter();
  const canOperate = useHasRole('operator');
  const { view, filters, update } = useListUrl(LIST_FILTERS.nodes);
  const query = apiQuery(view, filters);
  const { data, mutate } = useSWR<NodesPage>(`/api/config/nodes?${query}`, fetchJson, {
    refreshInterval: LIVE_REFRESH_MS,
    fallbackData: query === initialQuery ? initial : undefined,
    keepPreviousData: true,
  });
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const [clustering, setClustering] = useState<NodeSummary[] | null>(null);
  const nodes = data?.nodes ?? [];

  async function report(work: Promise<BulkOutcome[]>) {
    setOutcomes(await work);
    await mutate();
  }

  return (
    <>
      {outcomes && <BulkResults outcomes={outcomes} onClose={() => setOutcomes(null)} />}
      <ResourceTable
        ariaLabel="Nodes"
        title="Nodes"
        description={`${data?.total ?? 0} node(s)`}
        testId="nodes-table"
        columns={COLUMNS}
        rows={nodes}
        rowTestId={(n) => `node-row-${n.id}`}
        paging={{ total: data?.total ?? 0, view, defaultSort: { sort: 'created_at', order: 'desc' }, onChange: update }}
        selectable={canOperate}
        batchActions={[
          { label: 'Reinitialize', icon: Renew, onClick: (rows) => report(reinitializeNodes(rows)) },
          { label: 'Add to cluster', icon: GroupObjects, onClick: (rows) => setClustering(rows) },
          { label: 'Clean up', icon: TrashCan, onClick: (rows) => report(cleanUpNodes(rows)) },
        ]}
        rowActions={(n) => (
          <OverflowMenu size="sm" flipped aria-label={`Actions for node ${n.id}`}>
            <OverflowMenuItem itemText="View details" onClick={() => router.push(`/nodes/${n.id}`)} />
            {canOperate && <OverflowMenuItem itemText="Reinitialize" onClick={() => report(reinitializeNodes([n]))} />}
            {canOperate && <OverflowMenuItem itemText="Clean up" isDelete hasDivider onClick={() => report(cleanUpNodes([n]))} />}
          </OverflowMenu>
        )}
        empty={filters.status || filters.search ? 'No node matches the filters.' : 'No nodes yet.'}
        toolbar={
          <>
            <TableToolbarSearch
              persistent
              placeholder="Search by name or IP"
              defaultValue={filters.search ?? ''}
              onChange={(_e, value) => update({ search: (value ?? '').trim() })}
            />
            <Dropdown
              id="status-filter"
              titleText=""
              hideLabel
              label="Status"
              type="inline"
              items={['', ...statusesWhere('filterable')]}
              itemToString={(s) => (s ? String(s) : 'All statuses')}
              selectedItem={filters.status ?? ''}
              onChange={({ selectedItem }) => update({ status: selectedItem ?? '' })}
            />
            <RoleGate min="operator">
              <Button renderIcon={Add} onClick={() => router.push('/nodes/new')}>
                Provision node
              </Button>
            </RoleGate>
          </>
        }
      />
      {clustering && (
        <AddToClusterModal
          nodes={clustering}
          onClose={() => setClustering(null)}
          onSubmit={async (name) => {
            setClustering(null);
            await report(addToCluster(clustering, name));
          }}
        />
      )}
    </>
  );
}
