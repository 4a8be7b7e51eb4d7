import { InlineNotification } from '@carbon/react';
import { AuditFilters } from '@/components/audit/AuditFilters';
import { AuditTable } from '@/components/audit/AuditTable';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { apiQuery, filtersFrom, LIST_FILTERS, listView } from '@/components/common/list-query';
import { PageHeader } from '@/components/common/PageHeader';
import { queryAudit } from '@/lib/audit/query';
import { auditQuerySchema } from '@/lib/audit/schemas';
import { userHasRole } from '@/lib/auth/current-user';

export const metadata = { title: 'Audit' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const header = <PageHeader title="Audit" description="Who did what, when: every change by users, tokens and nodes." />;
  if (!(await userHasRole('operator'))) return <>{header}<RoleRequired role="operator" /></>;
  const params = await searchParams;
  const filters = filtersFrom(params, LIST_FILTERS.audit);
  const query = apiQuery(listView(params), filters);
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
  const page = parsed.success ? await queryAudit(parsed.data) : { entries: [], total: 0 };
  const initial = { total: page.total, entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
  return (
    <>
      {header}
      {!parsed.success && <InlineNotification kind="warning" lowContrast hideCloseButton title="Filters ignored" subtitle={parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} />}
      <AuditFilters initial={parsed.success ? filters : {}} />
      <AuditTable initial={initial} initialQuery={query} />
    </>
  );
}
