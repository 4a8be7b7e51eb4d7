'use client';

import { StructuredListBody, StructuredListCell, StructuredListHead, StructuredListRow, StructuredListWrapper, Tag } from '@carbon/react';
import type { NodeDetail } from '@/lib/provisioning/queries';
import { formatClock } from '@/components/common/format';

const STEP_TAG: Record<string, 'gray' | 'blue' | 'green' | 'red' | 'purple'> = {
  pending: 'gray', running: 'blue', succeeded: 'green', failed: 'red', compensated: 'purple', skipped: 'gray',
};

function List({ label, head, rows }: { label: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <StructuredListWrapper aria-label={label} isCondensed>
      <StructuredListHead>
        <StructuredListRow head>
          {head.map((h) => (
            <StructuredListCell head key={h}>{h}</StructuredListCell>
          ))}
        </StructuredListRow>
      </StructuredListHead>
      <StructuredListBody>
        {rows.map((cells, i) => (
          <StructuredListRow key={i}>
            {cells.map((c, j) => (
              <StructuredListCell key={j}>{c ?? '—'}</StructuredListCell>
            ))}
          </StructuredListRow>
        ))}
      </StructuredListBody>
    </StructuredListWrapper>
  );
}

export function StepList({ deployment }: { deployment: NodeDetail['deployment'] }) {
  if (!deployment) return <p>No deployment yet.</p>;
  return (
    <List
      label="Deployment steps"
      head={['Step', 'Status', 'Attempts', 'Started', 'Finished', 'Last error']}
      rows={deployment.steps.map((s) => [
        s.name,
        <Tag key="t" size="sm" type={STEP_TAG[s.status] ?? 'gray'} data-testid={`step-${s.name}`}>{s.status}</Tag>,
        s.attempts,
        formatClock(s.started_at, '—'),
        formatClock(s.finished_at, '—'),
        s.last_error,
      ])}
    />
  );
}

export function Timeline({ events }: { events: NodeDetail['timeline'] }) {
  return (
    <div data-testid="timeline">
      <List
        label="Timeline"
        head={['Time', 'Phase', 'Status', 'Source', 'Message']}
        rows={[...events].reverse().map((e) => [formatClock(e.at, '—'), e.phase, e.status, e.source, e.message])}
      />
    </div>
  );
}

export function ResourceList({ resources, dns }: { resources: NodeDetail['resources']; dns: NodeDetail['dns_records'] }) {
  return (
    <>
      <List
        label="Cloud resources"
        head={['Kind', 'Name', 'Cloud id', 'Address', 'State']}
        rows={resources.map((r) => [r.kind, r.name, r.cloud_id, r.address, r.state])}
      />
      <List label="DNS records" head={['Name', 'Type', 'Data', 'TTL']} rows={dns.map((r) => [r.name, r.type, r.rdata, r.ttl])} />
    </>
  );
}
