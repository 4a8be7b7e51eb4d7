'use client';

import { InlineNotification, ProgressBar, StructuredListBody, StructuredListCell, StructuredListRow, StructuredListWrapper, Tile } from '@carbon/react';
import useSWR from 'swr';
import { clusterProgressState, isClusterForming } from '@/lib/clusters/rules';
import type { ClusterView } from '@/lib/clusters/views';
import { fetchJson } from '@/components/common/fetch-json';
import { formatTime } from '@/components/common/format';
import { ClusterActions } from './ClusterActions';
import { ClusterMembers } from './ClusterMembers';
import { ClusterStatusTag } from './ClusterStatusTag';
import { ClusterSteps } from './ClusterSteps';

function Facts({ c }: { c: ClusterView }) {
  const facts: [string, React.ReactNode][] = [
    ['Status', <ClusterStatusTag key="s" status={c.status} />],
    ['Type', c.type === 'single_node' ? 'Single node' : 'Multi node'],
    ['Redundancy factor', `RF${c.redundancyFactor}`],
    ['Cluster IP', c.clusterIp ?? 'not allocated yet'],
    ['Data services IP', c.dataServicesIp ?? 'not allocated yet'],
    ['DNS name', c.dnsName],
    ['DNS servers', c.dnsServers.join(', ') || 'VPC resolvers'],
    ['Created', `${formatTime(c.createdAt)}${c.createdBy ? ` by ${c.createdBy}` : ''}`],
    ['Ready', formatTime(c.readyAt, '—')],
  ];
  return (
    <StructuredListWrapper isCondensed aria-label="Cluster details">
      <StructuredListBody>
        {facts.map(([k, v]) => (
          <StructuredListRow key={k}>
            <StructuredListCell noWrap>{k}</StructuredListCell>
            <StructuredListCell data-testid={`fact-${k.toLowerCase().replaceAll(' ', '-')}`}>{v}</StructuredListCell>
          </StructuredListRow>
        ))}
      </StructuredListBody>
    </StructuredListWrapper>
  );
}

/** One cluster, live: facts, formation steps, members, DNS records, actions. */
export function ClusterDetail({ initial }: { initial: ClusterView }) {
  const { data, mutate } = useSWR<ClusterView>(`/api/config/clusters/${initial.id}`, fetchJson, {
    fallbackData: initial,
    // SWR passes its cache, which is empty until the first fetch: the server-rendered cluster stands in.
    refreshInterval: (c) => (isClusterForming((c ?? initial).status) ? 1500 : 10000),
  });
  const c = data ?? initial;
  const section = { marginTop: '2rem' };
  return (
    <div data-testid="cluster-detail">
      <ClusterActions cluster={c} onChanged={() => mutate()} />
      {c.status === 'failed' && c.failureReason && (
        <InlineNotification kind="error" title="Formation failed" subtitle={c.failureReason} hideCloseButton lowContrast data-testid="failure-reason" />
      )}
      <div style={section}>
        <ProgressBar label="Formation progress" value={c.progress} status={clusterProgressState(c.status)} helperText={`${c.progress}%`} />
      </div>
      <div style={{ ...section, display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: '2rem' }}>
        <Facts c={c} />
        <Tile>
          <h2 className="cds--type-productive-heading-02" style={{ marginBottom: '1rem' }}>Formation</h2>
          {c.deployment ? <ClusterSteps steps={c.deployment.steps} /> : <p>No formation run.</p>}
        </Tile>
      </div>
      <h2 className="cds--type-productive-heading-03" style={section}>Members</h2>
      <ClusterMembers members={c.members} />
      <h2 className="cds--type-productive-heading-03" style={section}>DNS records</h2>
      {c.dnsRecords.length ? (
        <ul data-testid="cluster-dns-records">
          {c.dnsRecords.map((r) => (
            <li key={`${r.type}-${r.name}`} className="cds--type-code-01">
              {r.type} {r.name} → {r.rdata}
            </li>
          ))}
        </ul>
      ) : (
        <p>Registered once the cluster is formed.</p>
      )}
    </div>
  );
}
