'use client';

import { ProgressBar, StructuredListBody, StructuredListCell, StructuredListHead, StructuredListRow, StructuredListWrapper, Tag, Tile } from '@carbon/react';
import useSWR from 'swr';
import type { CleanupRunView } from '@/lib/cleanup/status';
import { fetchJson } from '@/components/common/fetch-json';
import { formatTime } from '@/components/common/format';

interface Runs {
  running: CleanupRunView[];
  recent: CleanupRunView[];
}

const STATUS_TAG: Record<string, 'green' | 'red' | 'blue' | 'gray'> = { succeeded: 'green', failed: 'red', running: 'blue', pending: 'blue', cancelled: 'gray' };

function RunRow({ run }: { run: CleanupRunView }) {
  const live = run.status === 'running' || run.status === 'pending';
  return (
    <StructuredListRow>
      <StructuredListCell>{run.node?.name ?? '—'}</StructuredListCell>
      <StructuredListCell><Tag type={STATUS_TAG[run.status] ?? 'gray'} size="sm">{run.status}</Tag></StructuredListCell>
      <StructuredListCell>
        {live ? (
          <ProgressBar label={run.current_step ?? 'queued'} value={run.progress_percent} max={100} size="small" helperText={`${run.progress_percent}%`} />
        ) : (
          run.error ?? `${(run.resources as unknown[]).length} resource(s) deleted`
        )}
      </StructuredListCell>
      <StructuredListCell>{run.requested_by ?? ''}</StructuredListCell>
      <StructuredListCell>{formatTime(run.created_at)}</StructuredListCell>
    </StructuredListRow>
  );
}

/** Running cleanups with live progress (refreshed every 3 s) and the most recent finished ones. */
export function CleanupRuns({ initial }: { initial: Runs }) {
  const { data } = useSWR<Runs>('/api/cleanup/status', fetchJson, { fallbackData: initial, refreshInterval: 3000 });
  const runs = [...(data?.running ?? []), ...(data?.recent ?? [])];
  if (runs.length === 0) return <Tile>No cleanups have run yet.</Tile>;
  return (
    <StructuredListWrapper aria-label="Cleanups" data-testid="cleanup-runs">
      <StructuredListHead>
        <StructuredListRow head>
          <StructuredListCell head>Node</StructuredListCell>
          <StructuredListCell head>Status</StructuredListCell>
          <StructuredListCell head>Progress</StructuredListCell>
          <StructuredListCell head>Requested by</StructuredListCell>
          <StructuredListCell head>Started</StructuredListCell>
        </StructuredListRow>
      </StructuredListHead>
      <StructuredListBody>{runs.map((r) => <RunRow key={r.deployment_id} run={r} />)}</StructuredListBody>
    </StructuredListWrapper>
  );
}
