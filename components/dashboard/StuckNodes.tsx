'use client';

import { InlineNotification } from '@carbon/react';
import Link from 'next/link';
import type { StatusSummary } from '@/lib/status/summary';

/** Nodes whose phase outlived its timeout: which phase, when the node last called, what it fetched. */
export function StuckNodes({ nodes }: { nodes: StatusSummary['stuck_nodes'] }) {
  if (nodes.length === 0) return null;
  return (
    <div className="stuck-nodes" data-testid="stuck-nodes">
      {nodes.map((n) => (
        <InlineNotification
          key={n.node_id}
          kind="warning"
          lowContrast
          hideCloseButton
          title={`${n.node_name} is stuck in ${n.phase ?? 'an unknown phase'}`}
          subtitle={n.reason ?? 'No report within the phase timeout.'}
        >
          <Link href={`/nodes/${n.node_id}`}>Open node</Link>
        </InlineNotification>
      ))}
    </div>
  );
}
