import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Deployments' };

export default function DeploymentsPage() {
  return (
    <>
      <PageHeader title="Deployments" description="Every provisioning, reinitialize, cleanup and cluster workflow run." />
      <EmptyState title="No deployments have run yet." />
    </>
  );
}
