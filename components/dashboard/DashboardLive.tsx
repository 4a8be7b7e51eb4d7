'use client';

import useSWR from 'swr';
import { EmptyState } from '@/components/common/EmptyState';
import { fetchJson } from '@/components/common/fetch-json';
import { LiveIndicator } from '@/components/status/LiveIndicator';
import { liveRefreshInterval, useLiveUpdates } from '@/components/status/live';
import type { ActivityBucket } from '@/lib/status/activity';
import type { RecentEvent } from '@/lib/status/history';
import type { StatusSummary } from '@/lib/status/summary';
import { DeploymentsChart } from './DeploymentsChart';
import { PhaseDurationsChart } from './PhaseDurationsChart';
import { RecentEvents } from './RecentEvents';
import { StatusTiles } from './StatusTiles';
import { StuckNodes } from './StuckNodes';

export interface DashboardData {
  summary: StatusSummary;
  activity: { range: string; buckets: ActivityBucket[] };
  events: { events: RecentEvent[] };
}

/**
 * The dashboard's live part: tiles, charts, stuck nodes and recent events, refreshed when the
 * server announces a change (server-sent events) or by polling while the stream is down.
 */
export function DashboardLive({ initial }: { initial: DashboardData }) {
  const mode = useLiveUpdates(() => true, () => {
    void mutateSummary();
    void mutateEvents();
    void mutateActivity();
  });
  const live = { refreshInterval: liveRefreshInterval(mode) };
  const { data: summary = initial.summary, mutate: mutateSummary } = useSWR<StatusSummary>('/api/status/summary', fetchJson, { ...live, fallbackData: initial.summary });
  const { data: events = initial.events, mutate: mutateEvents } = useSWR<DashboardData['events']>('/api/status/events?limit=15', fetchJson, { ...live, fallbackData: initial.events });
  const { data: activity = initial.activity, mutate: mutateActivity } = useSWR<DashboardData['activity']>('/api/status/activity?range=24h', fetchJson, {
    refreshInterval: liveRefreshInterval(mode) * 2,
    fallbackData: initial.activity,
  });
  const s = summary.status_summary;
  const counts = { total: summary.total_nodes, deploying: (s.deploying ?? 0) + (s.provisioning ?? 0), deployed: s.deployed ?? 0, failed: s.failed ?? 0, stuck: s.stuck ?? 0 };
  return (
    <>
      <div className="live-status"><LiveIndicator mode={mode} /></div>
      {summary.total_nodes === 0 && (
        <EmptyState title="No nodes yet">Provisioned nodes and their deployments will appear here.</EmptyState>
      )}
      <StatusTiles counts={counts} />
      <p className="cds--type-helper-text-01 dashboard-note" data-testid="success-rate">
        Success rate of finished installs:{' '}
        {summary.success_rate === null ? 'no finished installs yet' : `${Math.round(summary.success_rate * 1000) / 10}%`}
      </p>
      <StuckNodes nodes={summary.stuck_nodes} />
      <div className="dashboard-charts">
        <DeploymentsChart buckets={activity.buckets} />
        <PhaseDurationsChart durations={summary.phase_durations} />
      </div>
      <RecentEvents events={events.events} />
    </>
  );
}
