'use client';

import { ProgressBar, StructuredListBody, StructuredListCell, StructuredListHead, StructuredListRow, StructuredListWrapper, Tile } from '@carbon/react';
import useSWR from 'swr';
import type { CleanupRunView } from '@/lib/cleanup/status';
import { fetchJson } from '@/components/common/fetch-json';
import { formatTime } from '@/components/common/format';
import { StatusTag } from '@/components/status/StatusTag';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

interface Runs {
  running: CleanupRunView[];
  recent: CleanupRunView[];
}

function RunRow({ run }: { run: CleanupRunView }) {
  const live = (OPEN_DEPLOYMENT_STATUSES as readonly string[]).includes(run.status);
  return (
    <StructuredListRow>
      <StructuredListCell>{run.node?.name ?? '—'}</StructuredListCell>
      <StructuredListCell><StatusTag status={run.status} /></StructuredListCell>
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
