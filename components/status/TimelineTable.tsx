'use client';

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import type { HistoryEntry } from '@/lib/status/history';
import { formatDuration, formatTime } from './format';
import { StatusTag } from './StatusTag';

/** Timeline events, newest first; boot-asset fetches show what the node downloaded. */
export function TimelineTable({ events }: { events: HistoryEntry[] }) {
  const rows = [...events].reverse();
  return (
    <Table size="sm" aria-label="Timeline" data-testid="timeline-table">
      <TableHead>
        <TableRow>
          <TableHeader>Time</TableHeader>
          <TableHeader>Phase</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Message</TableHeader>
          <TableHeader>Duration</TableHeader>
          <TableHeader>Source</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={6}>No events yet.</TableCell>
          </TableRow>
        )}
        {rows.map((e) => (
          <TableRow key={e.id} data-testid="timeline-row" data-phase={e.phase} data-status={e.status}>
            <TableCell>{formatTime(e.timestamp)}</TableCell>
            <TableCell>{e.phase.replace(/_/g, ' ')}</TableCell>
            <TableCell>
              <StatusTag status={e.status} />
            </TableCell>
            <TableCell>{e.message}</TableCell>
            <TableCell>{e.duration_seconds === null ? '' : formatDuration(e.duration_seconds)}</TableCell>
            <TableCell>{e.source}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
