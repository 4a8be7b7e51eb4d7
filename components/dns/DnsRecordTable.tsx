'use client';

import {
  Button, DataTable, InlineNotification, Modal, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow,
  TableToolbar, TableToolbarContent, TableToolbarSearch, Tag,
} from '@carbon/react';
import { TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { RoleGate } from '@/components/auth/RoleGate';
import { send, unwrap } from '@/components/common/send';
import { useAction } from '@/components/common/useAction';
import type { DnsRecordView } from '@/lib/dns/schemas';
import { AddDnsRecordButton } from './AddDnsRecordButton';

const OWNER_TAG: Record<string, 'blue' | 'purple' | 'gray'> = { node: 'blue', cluster: 'purple', manual: 'gray' };

const headers = [
  { key: 'fqdn', header: 'Name' },
  { key: 'type', header: 'Type' },
  { key: 'rdata', header: 'Value' },
  { key: 'ttl', header: 'TTL' },
  { key: 'owner', header: 'Owner' },
  { key: 'actions', header: '' },
];

function ownerLabel(r: DnsRecordView) {
  if (r.node) return `node ${r.node.name}`;
  if (r.cluster) return `cluster ${r.cluster.name}`;
  return r.created_by ? `manual (${r.created_by})` : 'manual';
}

/** Tracked records with their owner; operators add and delete manual ones. */
export function DnsRecordTable({ records, zoneName }: { records: DnsRecordView[]; zoneName: string }) {
  const [deleting, setDeleting] = useState<DnsRecordView | null>(null);
  const { error, setError, run } = useAction();
  const byId = new Map(records.map((r) => [String(r.id), r]));
  const rows = records.map((r) => ({ id: String(r.id), fqdn: r.fqdn, type: r.type, rdata: r.rdata, ttl: r.ttl, owner: r.owner, actions: '' }));

  async function remove() {
    if (!deleting) return;
    if (await run(async () => unwrap(await send('DELETE', `/api/dns/records/${encodeURIComponent(deleting.name)}`)))) setDeleting(null);
  }

  return (
    <>
      <DataTable rows={rows} headers={headers} isSortable>
        {({ rows: shown, headers: hs, getTableProps, getHeaderProps, getRowProps, onInputChange }) => (
          <TableContainer title={`Zone ${zoneName}`} description={`${records.length} tracked record(s)`}>
            <TableToolbar>
              <TableToolbarContent>
                <TableToolbarSearch onChange={(e) => onInputChange(e as React.ChangeEvent<HTMLInputElement>)} placeholder="Search names and values" persistent />
                <RoleGate min="operator"><AddDnsRecordButton zoneName={zoneName} /></RoleGate>
              </TableToolbarContent>
            </TableToolbar>
            <Table {...getTableProps()} aria-label="DNS records">
              <TableHead>
                <TableRow>{hs.map((h) => <TableHeader {...getHeaderProps({ header: h })} key={h.key}>{h.header}</TableHeader>)}</TableRow>
              </TableHead>
              <TableBody>
                {shown.map((row) => {
                  const record = byId.get(row.id)!;
                  return (
                    <TableRow {...getRowProps({ row })} key={row.id}>
                      <TableCell>{record.fqdn}</TableCell>
                      <TableCell>{record.type}</TableCell>
                      <TableCell>{record.rdata}</TableCell>
                      <TableCell>{record.ttl}</TableCell>
                      <TableCell><Tag type={OWNER_TAG[record.owner] ?? 'gray'} size="sm">{ownerLabel(record)}</Tag></TableCell>
                      <TableCell>
                        {record.owner === 'manual' && (
                          <RoleGate min="operator">
                            <Button kind="ghost" size="sm" hasIconOnly renderIcon={TrashCan} iconDescription={`Delete ${record.fqdn}`} onClick={() => setDeleting(record)} />
                          </RoleGate>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DataTable>
      <Modal
        danger
        open={deleting !== null}
        modalHeading={`Delete ${deleting?.type} record ${deleting?.fqdn}?`}
        primaryButtonText="Delete"
        secondaryButtonText="Cancel"
        onRequestClose={() => { setDeleting(null); setError(null); }}
        onRequestSubmit={remove}
      >
        <p>The record is removed from the DNS Services zone at once.</p>
        {error && <InlineNotification kind="error" title="Not deleted" subtitle={error} lowContrast hideCloseButton />}
      </Modal>
    </>
  );
}
