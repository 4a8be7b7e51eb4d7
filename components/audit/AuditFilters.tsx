'use client';

import { Button, Form, Stack, TextInput } from '@carbon/react';
import { Download, Filter } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** datetime-local inputs speak local time without a zone; the API wants ISO 8601 with one. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocal = (iso?: string) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');

export function auditQueryString(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...values, ...extra }).filter(([, v]) => v);
  return new URLSearchParams(entries as [string, string][]).toString();
}

export function AuditFilters({ initial }: { initial: AuditFilterValues }) {
  const router = useRouter();
  const [values, setValues] = useState({ ...initial, from: toLocal(initial.from), to: toLocal(initial.to) });
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  const applied = { ...values, from: toIso(values.from ?? ''), to: toIso(values.to ?? '') };

  return (
    <Form
      aria-label="Audit filters"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(`/audit?${auditQueryString(applied)}`);
      }}
    >
      <Stack orientation="horizontal" gap={5} className="audit-filters">
        <TextInput id="audit-actor" labelText="Actor" placeholder="email or node:12" size="md" value={values.actor ?? ''} onChange={set('actor')} />
        <TextInput id="audit-action" labelText="Action" placeholder="user.update or user." size="md" value={values.action ?? ''} onChange={set('action')} />
        <TextInput id="audit-target-type" labelText="Target type" placeholder="node" size="md" value={values.targetType ?? ''} onChange={set('targetType')} />
        <TextInput id="audit-target-id" labelText="Target id" size="md" value={values.targetId ?? ''} onChange={set('targetId')} />
        <TextInput id="audit-from" labelText="From" type="datetime-local" size="md" value={values.from ?? ''} onChange={set('from')} />
        <TextInput id="audit-to" labelText="To" type="datetime-local" size="md" value={values.to ?? ''} onChange={set('to')} />
      </Stack>
      <Stack orientation="horizontal" gap={3} className="audit-filter-actions">
        <Button type="submit" size="md" renderIcon={Filter}>Apply filters</Button>
        <Button kind="ghost" size="md" href="/audit">Clear</Button>
        <Button kind="tertiary" size="md" renderIcon={Download} href={`/api/audit?${auditQueryString(applied, { format: 'csv' })}`} data-testid="audit-csv">
          Download CSV
        </Button>
      </Stack>
    </Form>
  );
}
