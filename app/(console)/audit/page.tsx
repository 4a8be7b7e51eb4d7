import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Audit' };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who did what, when." />
      <EmptyState title="No audited actions yet." />
    </>
  );
}
