'use client';

import { Button, ProgressBar } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import Link from 'next/link';
import useSWR from 'swr';
import { RoleGate } from '@/components/auth/RoleGate';
import { clusterProgressState, isClusterForming } from '@/lib/clusters/rules';
import type { ClusterView } from '@/lib/clusters/views';
import { fetchJson } from '@/components/common/fetch-json';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { ClusterStatusTag } from './ClusterStatusTag';

const COLUMNS: Column<ClusterView>[] = [
  { key: 'name', header: 'Name', sort: true, render: (c) => <Link href={`/clusters/${c.id}`}>{c.name}</Link> },
  { key: 'type', header: 'Type', sort: true, render: (c) => (c.type === 'single_node' ? 'Single node (RF1)' : `Multi node (RF${c.redundancyFactor})`) },
  { key: 'members', header: 'Members', value: (c) => c.nodeCount, sort: true, render: (c) => c.nodeCount },
  { key: 'status', header: 'Status', sort: true, render: (c) => <ClusterStatusTag status={c.status} /> },
  {
    key: 'progress',
    header: 'Progress',
    sort: true,
    render: (c) => <ProgressBar label={`${c.name} progress`} hideLabel value={c.progress} size="small" status={clusterProgressState(c.status)} />,
  },
  { key: 'clusterIp', header: 'Cluster IP', sort: true },
];

/** All clusters, refreshed every few seconds while any is still forming. */
export function ClusterTable({ initial }: { initial: ClusterView[] }) {
  const { data } = useSWR<{ clusters: ClusterView[] }>('/api/config/clusters', fetchJson, {
    fallbackData: { clusters: initial },
    // SWR passes its cache, which is empty until the first fetch: the server-rendered list stands in.
    refreshInterval: (latest) => ((latest?.clusters ?? initial).some((c) => isClusterForming(c.status)) ? 2000 : 15000),
  });
  const clusters = data?.clusters ?? initial;
  return (
    <ResourceTable
      ariaLabel="Clusters"
      columns={COLUMNS}
      rows={clusters}
      rowTestId={(c) => `cluster-row-${c.name}`}
      empty="No clusters yet."
      toolbar={
        <RoleGate min="operator">
          <Button href="/clusters/new" renderIcon={Add} kind="primary">
            Create cluster
          </Button>
        </RoleGate>
      }
    />
  );
}
