'use client';

import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import Link from 'next/link';
import { formatTime } from '@/components/common/format';
import { StatusTag } from '@/components/status/StatusTag';
import type { RecentEvent } from '@/lib/status/history';

export function RecentEvents({ events }: { events: RecentEvent[] }) {
  return (
    <TableContainer title="Recent events" description="The newest timeline entries across all nodes">
      <Table size="sm" data-testid="recent-events">
        <TableHead>
          <TableRow>
            <TableHeader>Time</TableHeader>
            <TableHeader>Node</TableHeader>
            <TableHeader>Phase</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Message</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>No events yet.</TableCell>
            </TableRow>
          )}
          {events.map((e) => (
            <TableRow key={e.id} data-testid="recent-event">
              <TableCell>{formatTime(e.timestamp)}</TableCell>
              <TableCell>{e.node_id ? <Link href={`/nodes/${e.node_id}`}>{e.node_name ?? `#${e.node_id}`}</Link> : '–'}</TableCell>
              <TableCell>{e.phase.replace(/_/g, ' ')}</TableCell>
              <TableCell>
                <StatusTag status={e.status} />
              </TableCell>
              <TableCell>{e.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
