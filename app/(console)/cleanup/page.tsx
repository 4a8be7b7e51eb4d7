import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Cleanup' };

export default function CleanupPage() {
  return (
    <>
      <PageHeader title="Cleanup" description="Teardown of cloud resources, orphans and drift." />
      <EmptyState title="No cleanups have run yet." />
    </>
  );
}
