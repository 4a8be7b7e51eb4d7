'use client';

import { Tag } from '@carbon/react';
import useSWR from 'swr';
import { fetchJson } from '@/components/common/fetch-json';
import { formatTime } from '@/components/common/format';
import { apiQuery, LIST_FILTERS } from '@/components/common/list-query';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { useListUrl } from '@/components/common/useListUrl';

export interface AuditRow {
  id: number;
  at: string;
  actorType: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  sourceIp: string | null;
  before: unknown;
  after: unknown;
}


const compact = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

const COLUMNS: Column<AuditRow>[] = [
  { key: 'at', header: 'Time', sort: 'at', render: (e) => formatTime(e.at) },
  { key: 'actor', header: 'Actor', sort: 'actor', render: (e) => `${e.actorLabel ?? '—'} (${e.actorType})` },
  { key: 'action', header: 'Action', sort: 'action' },
  { key: 'target', header: 'Target', sort: 'target_type', render: (e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '') },
  { key: 'outcome', header: 'Outcome', render: (e) => <Tag type={e.outcome === 'success' ? 'green' : 'red'}>{e.outcome}</Tag> },
  { key: 'sourceIp', header: 'Source IP', render: (e) => e.sourceIp ?? '' },
  { key: 'change', header: 'Change', render: (e) => <code className="audit-change">{[compact(e.before), compact(e.after)].filter(Boolean).join(' → ')}</code> },
];

interface AuditPage {
  entries: AuditRow[];
  total: number;
}

/** The audit log, paged and sorted on the server; filters come from the URL (set by AuditFilters). */
export function AuditTable({ initial, initialQuery }: { initial: AuditPage; initialQuery: string }) {
  const { view, filters, update } = useListUrl(LIST_FILTERS.audit);
  const query = apiQuery(view, filters);
  const { data } = useSWR<AuditPage>(`/api/audit?${query}`, fetchJson, { fallbackData: query === initialQuery ? initial : undefined, keepPreviousData: true });
  return (
    <ResourceTable
      ariaLabel="Audit log"
      description={`${data?.total ?? 0} entr${data?.total === 1 ? 'y' : 'ies'}`}
      testId="audit-table"
      size="md"
      columns={COLUMNS}
      rows={data?.entries ?? []}
      paging={{ total: data?.total ?? 0, view, defaultSort: { sort: 'at', order: 'desc' }, onChange: update }}
      empty="No audited actions match."
    />
  );
}
