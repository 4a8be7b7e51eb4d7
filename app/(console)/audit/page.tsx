import { InlineNotification } from '@carbon/react';
import { AuditFilters, auditQueryString } from '@/components/audit/AuditFilters';
import { AuditTable } from '@/components/audit/AuditTable';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';
import { queryAudit } from '@/lib/audit/query';
import { auditQuerySchema } from '@/lib/audit/schemas';
import { userHasRole } from '@/lib/auth/current-user';

export const metadata = { title: 'Audit' };

const PAGE_SIZE = 25;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const header = <PageHeader title="Audit" description="Who did what, when: every change by users, tokens and nodes." />;
  if (!(await userHasRole('operator'))) return <>{header}<RoleRequired role="operator" /></>;
  const raw = await searchParams;
  const parsed = auditQuerySchema.safeParse({ ...raw, limit: PAGE_SIZE, format: 'json' });
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({ limit: PAGE_SIZE });
  const { entries, nextCursor } = await queryAudit(query);
  const filters = { actor: raw.actor, action: raw.action, targetType: raw.targetType, targetId: raw.targetId, from: raw.from, to: raw.to };
  const rows = entries.map((e) => ({ ...e, at: e.at.toISOString() }));
  return (
    <>
      {header}
      {!parsed.success && <InlineNotification kind="warning" lowContrast hideCloseButton title="Filters ignored" subtitle={parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} />}
      <AuditFilters initial={parsed.success ? filters : {}} />
      {rows.length === 0 ? <EmptyState title="No audited actions match." /> : <AuditTable entries={rows} />}
      <nav className="audit-pager" aria-label="Audit pages">
        {query.cursor && <a className="cds--link" href={`/audit?${auditQueryString(filters)}`}>First page</a>}
        {nextCursor && <a className="cds--link" href={`/audit?${auditQueryString(filters, { cursor: String(nextCursor) })}`} data-testid="audit-next">Older entries</a>}
      </nav>
    </>
  );
}
