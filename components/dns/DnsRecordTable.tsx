'use client';

import { Button, InlineNotification, Modal, Select, SelectItem, TableToolbarSearch, Tag } from '@carbon/react';
import { TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import useSWR from 'swr';
import { RoleGate } from '@/components/auth/RoleGate';
import { fetchJson } from '@/components/common/fetch-json';
import { apiQuery, LIST_FILTERS } from '@/components/common/list-query';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { send, unwrap } from '@/components/common/send';
import { useAction } from '@/components/common/useAction';
import { useListUrl } from '@/components/common/useListUrl';
import type { DnsRecordView } from '@/lib/dns/schemas';
import { AddDnsRecordButton } from './AddDnsRecordButton';

const OWNER_TAG: Record<string, 'blue' | 'purple' | 'gray'> = { node: 'blue', cluster: 'purple', manual: 'gray' };


function ownerLabel(r: DnsRecordView) {
  if (r.node) return `node ${r.node.name}`;
  if (r.cluster) return `cluster ${r.cluster.name}`;
  return r.created_by ? `manual (${r.created_by})` : 'manual';
}

const COLUMNS: Column<DnsRecordView>[] = [
  { key: 'fqdn', header: 'Name', sort: 'name' },
  { key: 'type', header: 'Type', sort: 'type' },
  { key: 'rdata', header: 'Value', sort: 'rdata' },
  { key: 'ttl', header: 'TTL' },
  { key: 'owner', header: 'Owner', sort: 'owner', render: (r) => <Tag type={OWNER_TAG[r.owner] ?? 'gray'} size="sm">{ownerLabel(r)}</Tag> },
];

interface DnsPage {
  records: DnsRecordView[];
  total: number;
}

/** Tracked records with their owner, paged on the server; operators add and delete manual ones. */
export function DnsRecordTable({ initial, initialQuery, zoneName }: { initial: DnsPage; initialQuery: string; zoneName: string }) {
  const [deleting, setDeleting] = useState<DnsRecordView | null>(null);
  const { error, setError, run } = useAction();
  const { view, filters, update } = useListUrl(LIST_FILTERS.dns);
  const query = apiQuery(view, filters);
  const { data, mutate } = useSWR<DnsPage>(`/api/dns/records?${query}`, fetchJson, { fallbackData: query === initialQuery ? initial : undefined, keepPreviousData: true });
  const filtered = Boolean(filters.q || filters.owner || filters.type);

  async function remove() {
    if (!deleting) return;
    if (await run(async () => unwrap(await send('DELETE', `/api/dns/records/${encodeURIComponent(deleting.name)}`)))) {
      setDeleting(null);
      await mutate();
    }
  }

  return (
    <>
      <ResourceTable
        ariaLabel="DNS records"
        title={`Zone ${zoneName}`}
        description={`${data?.total ?? 0} tracked record(s)`}
        testId="dns-table"
        columns={COLUMNS}
        rows={data?.records ?? []}
        paging={{ total: data?.total ?? 0, view, defaultSort: { sort: 'name', order: 'asc' }, onChange: update }}
        empty={filtered ? 'No record matches the filters.' : 'No DNS records are tracked yet. Records appear here when nodes are provisioned, or when an operator adds one.'}
        rowActions={(record) =>
          record.owner === 'manual' && (
            <RoleGate min="operator">
              <Button kind="ghost" size="sm" hasIconOnly renderIcon={TrashCan} iconDescription={`Delete ${record.fqdn}`} onClick={() => setDeleting(record)} />
            </RoleGate>
          )
        }
        toolbar={
          <>
            <TableToolbarSearch persistent placeholder="Search names and values" defaultValue={filters.q ?? ''} onChange={(_e, value) => update({ q: (value ?? '').trim() })} />
            <Select id="dns-owner" labelText="" hideLabel size="lg" value={filters.owner ?? ''} onChange={(e) => update({ owner: e.target.value })}>
              <SelectItem value="" text="All owners" />
              {['node', 'cluster', 'manual'].map((o) => <SelectItem key={o} value={o} text={o} />)}
            </Select>
            <Select id="dns-type" labelText="" hideLabel size="lg" value={filters.type ?? ''} onChange={(e) => update({ type: e.target.value })}>
              <SelectItem value="" text="All types" />
              {['A', 'PTR'].map((t) => <SelectItem key={t} value={t} text={t} />)}
            </Select>
            <RoleGate min="operator"><AddDnsRecordButton zoneName={zoneName} onAdded={() => mutate()} /></RoleGate>
          </>
        }
      />
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
