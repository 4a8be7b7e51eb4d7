import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Admin' };

export default function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" description="Users, API tokens and boot images." />
      <EmptyState title="Administration is not available yet." />
    </>
  );
}
