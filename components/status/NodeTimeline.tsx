'use client';

import { InlineNotification, ProgressBar } from '@carbon/react';
import useSWR from 'swr';
import type { HistoryEntry } from '@/lib/status/history';
import type { NodeStatusView } from '@/lib/status/node-status';
import { formatDuration } from './format';
import { fetchJson, LIVE_REFRESH_MS } from './live';
import { PhaseSteps } from './PhaseSteps';
import { StatusTag } from './StatusTag';
import { TimelineTable } from './TimelineTable';

export interface NodeHistory {
  node_id: number;
  node_name: string;
  deployment_history: HistoryEntry[];
}

/**
 * A node's live install view: phase steps, progress with ETA (learned from past installs),
 * stuck/failed notices, and the timeline of events (newest first). Polls the status API, so it
 * updates while the node installs without reloading the page. Embed it in the node detail page:
 * `<NodeTimeline nodeId={node.id} initialStatus={await nodeStatusById(id)} initialHistory={await nodeHistoryById(id)} />`.
 */
export function NodeTimeline({ nodeId, initialStatus, initialHistory }: { nodeId: number; initialStatus?: NodeStatusView; initialHistory?: NodeHistory }) {
  const opts = { refreshInterval: LIVE_REFRESH_MS, revalidateOnFocus: true };
  const { data: status } = useSWR<NodeStatusView>(`/api/status/nodes/${nodeId}`, fetchJson, { ...opts, fallbackData: initialStatus });
  const { data: history } = useSWR<NodeHistory>(`/api/status/history/${nodeId}`, fetchJson, { ...opts, fallbackData: initialHistory });
  if (!status) return <ProgressBar label="Loading status" />;
  const finished = status.node_status === 'deployed' || status.node_status === 'failed';
  return (
    <section className="node-timeline" data-testid="node-timeline" aria-label="Install progress and timeline">
      <div className="node-timeline__summary">
        <span data-testid="node-status">
          <StatusTag status={status.node_status} />
        </span>
        <span data-testid="node-phase">{status.current_phase.replace(/_/g, ' ')}</span>
        <span className="cds--type-helper-text-01">{status.message}</span>
      </div>
      <PhaseSteps phase={status.current_phase} phaseStatus={status.phase_status} nodeStatus={status.node_status} />
      <div data-testid="node-progress" data-progress={status.progress_percent}>
      <ProgressBar
        label="Install progress"
        value={status.progress_percent}
        max={100}
        status={status.node_status === 'failed' ? 'error' : status.node_status === 'deployed' ? 'finished' : 'active'}
        helperText={
          finished
            ? `${status.progress_percent}% · took ${formatDuration(status.elapsed_time_seconds)}`
            : `${status.progress_percent}% · elapsed ${formatDuration(status.elapsed_time_seconds)} · about ${formatDuration(status.estimated_remaining_seconds)} left`
        }
      />
      </div>
      {status.node_status === 'stuck' && (
        <InlineNotification kind="warning" lowContrast hideCloseButton title="Stuck" subtitle={status.message} />
      )}
      {status.node_status === 'failed' && status.failure_reason && (
        <InlineNotification kind="error" lowContrast hideCloseButton title="Failed" subtitle={status.failure_reason} />
      )}
      <TimelineTable events={history?.deployment_history ?? []} />
    </section>
  );
}
