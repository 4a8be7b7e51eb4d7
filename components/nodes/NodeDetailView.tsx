'use client';

import { InlineNotification, Tab, TabList, TabPanel, TabPanels, Tabs, Tile } from '@carbon/react';
import useSWR from 'swr';
import type { NodeDetail } from '@/lib/provisioning/queries';
import { fetchJson } from '@/components/common/fetch-json';
import { ChainUrlButton } from './ChainUrlButton';
import { LiveIndicator } from '@/components/status/LiveIndicator';
import { liveRefreshInterval, useLiveUpdates } from '@/components/status/live';
import { NodeActions } from './NodeActions';
import { ResourceList, StepList, Timeline } from './NodeSections';
import { NodeStatusTag } from './NodeStatusTag';
import { PhaseProgress, type NodeStatusView } from './PhaseProgress';

const FIELDS: [string, (d: NodeDetail) => string | number | null][] = [
  ['Profile', (d) => d.node.server_profile],
  ['Storage template', (d) => d.node.storage_template],
  ['Cluster role', (d) => d.node.cluster_role],
  ['Management IP', (d) => d.node.management_ip],
  ['AHV IP', (d) => d.node.ahv_ip],
  ['CVM IP', (d) => d.node.cvm_ip],
  ['Workload IP', (d) => d.node.workload_ip],
  ['Bare-metal server', (d) => d.cloud.bare_metal_id],
  ['Management VNI', (d) => d.cloud.management_vni_id],
  ['Workload VNI', (d) => d.cloud.workload_vni_id],
];

/**
 * The node page's live part: node, steps and timeline refresh when the server announces a change
 * of this node (server-sent events), or every two seconds while the stream is down.
 */
export function NodeDetailView({ initial }: { initial: NodeDetail }) {
  const id = initial.node.id;
  const live = useLiveUpdates((m) => m.data.nodeId === id, () => {
    void mutate();
    void mutateStatus();
  });
  const refreshInterval = liveRefreshInterval(live, 2000);
  const { data, mutate } = useSWR<NodeDetail>(`/api/config/nodes/${id}`, fetchJson, { refreshInterval, fallbackData: initial });
  const { data: status, mutate: mutateStatus } = useSWR<NodeStatusView>(`/api/status/nodes/${id}`, fetchJson, { refreshInterval });
  const detail = data ?? initial;
  const node = detail.node;
  return (
    <>
      <div className="node-heading">
        <NodeStatusTag status={node.deployment_status} />
        {node.status_message && <span className="cds--type-body-compact-01">{node.status_message}</span>}
        <NodeActions nodeId={id} onDone={() => void mutate()} />
        <ChainUrlButton nodeId={id} />
        <LiveIndicator mode={live} />
      </div>
      {node.deployment_status === 'failed' && (
        <InlineNotification kind="error" title={`Failed at ${node.failed_step ?? 'an unknown step'}`} subtitle={node.failure_reason ?? ''} hideCloseButton lowContrast />
      )}
      <PhaseProgress status={status} nodeStatus={node.deployment_status} />
      <Tile className="node-facts">
        <dl>
          {FIELDS.map(([label, get]) => (
            <div key={label}>
              <dt className="cds--type-label-01">{label}</dt>
              <dd>{get(detail) ?? '—'}</dd>
            </div>
          ))}
        </dl>
      </Tile>
      <Tabs>
        <TabList aria-label="Node sections">
          <Tab>Deployment steps</Tab>
          <Tab>Timeline</Tab>
          <Tab>Cloud resources</Tab>
        </TabList>
        <TabPanels>
          <TabPanel>
            <StepList deployment={detail.deployment} />
          </TabPanel>
          <TabPanel>
            <Timeline events={detail.timeline} />
          </TabPanel>
          <TabPanel>
            <ResourceList resources={detail.resources} dns={detail.dns_records} />
          </TabPanel>
        </TabPanels>
      </Tabs>
    </>
  );
}
