'use client';

import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import Link from 'next/link';
import { formatTime } from '@/components/common/format';
import type { StatusSummary } from '@/lib/status/summary';

/** Nodes whose phase outlived its timeout: which phase, when the node last called, what it fetched. */
export function StuckNodes({ nodes }: { nodes: StatusSummary['stuck_nodes'] }) {
  if (nodes.length === 0) return null;
  return (
    <TableContainer title="Stuck nodes" description="A phase outlived its timeout; the node may still recover" className="stuck-nodes">
      <Table size="sm" data-testid="stuck-nodes">
        <TableHead>
          <TableRow>
            {['Node', 'Phase', 'Stuck since', 'Last call', 'Last fetch', 'Reason'].map((h) => <TableHeader key={h}>{h}</TableHeader>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {nodes.map((n) => (
            <TableRow key={n.node_id} data-testid="stuck-node">
              <TableCell>
                <Link href={`/nodes/${n.node_id}`}>{n.node_name}</Link>
              </TableCell>
              <TableCell>{n.phase?.replace(/_/g, ' ') ?? '–'}</TableCell>
              <TableCell>{formatTime(n.stuck_since)}</TableCell>
              <TableCell>{formatTime(n.last_seen_at, 'never')}</TableCell>
              <TableCell>{n.last_fetch ?? '–'}</TableCell>
              <TableCell>{n.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
