'use client';

import { InlineNotification, Tag } from '@carbon/react';
import Link from 'next/link';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';

/** What one bulk action did to one node. */
export interface BulkOutcome {
  id: number;
  node: string;
  action: string;
  outcome: 'queued' | 'refused';
  detail: string;
}

const COLUMNS: Column<BulkOutcome>[] = [
  { key: 'node', header: 'Node', sort: true, render: (o) => <Link href={`/nodes/${o.id}`}>{o.node}</Link> },
  { key: 'action', header: 'Action' },
  { key: 'outcome', header: 'Outcome', sort: true, render: (o) => <Tag type={o.outcome === 'queued' ? 'green' : 'red'} size="sm">{o.outcome}</Tag> },
  { key: 'detail', header: 'Detail' },
];

/** The result panel of a bulk action: a summary, then each node's outcome (queued, or refused with the reason). */
export function BulkResults({ outcomes, onClose }: { outcomes: BulkOutcome[]; onClose: () => void }) {
  const refused = outcomes.filter((o) => o.outcome === 'refused').length;
  const action = outcomes[0]?.action ?? 'Action';
  return (
    <section className="bulk-results" data-testid="bulk-results" aria-label="Bulk action results">
      <InlineNotification
        kind={refused === 0 ? 'success' : refused === outcomes.length ? 'error' : 'warning'}
        title={`${action}: ${outcomes.length - refused} queued, ${refused} refused`}
        onClose={() => {
          onClose();
          return false;
        }}
        lowContrast
      />
      <ResourceTable ariaLabel="Outcome per node" size="sm" columns={COLUMNS} rows={outcomes} rowTestId={(o) => `bulk-outcome-${o.id}`} />
    </section>
  );
}
