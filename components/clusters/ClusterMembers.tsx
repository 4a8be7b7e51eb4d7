'use client';

import { ProgressBar, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import Link from 'next/link';
import type { ClusterView } from '@/lib/clusters/views';

/** The member nodes with their own install phase and progress. */
export function ClusterMembers({ members }: { members: ClusterView['members'] }) {
  return (
    <Table aria-label="Cluster members" size="md">
      <TableHead>
        <TableRow>
          {['Node', 'Status', 'Phase', 'Progress', 'CVM IP', 'Management IP'].map((h) => (
            <TableHeader key={h}>{h}</TableHeader>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id} data-testid={`member-${m.name}`}>
            <TableCell>
              <Link href={`/nodes/${m.id}`}>{m.name}</Link>
            </TableCell>
            <TableCell>{m.status}</TableCell>
            <TableCell>{m.phase ?? '—'}</TableCell>
            <TableCell>
              <ProgressBar label={`${m.name} progress`} hideLabel size="small" value={m.status === 'deployed' ? 100 : m.progress} />
            </TableCell>
            <TableCell>{m.cvmIp ?? '—'}</TableCell>
            <TableCell>{m.managementIp ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
