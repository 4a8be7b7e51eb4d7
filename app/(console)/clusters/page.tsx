import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Clusters' };

export default function ClustersPage() {
  return (
    <>
      <PageHeader title="Clusters" description="Single-node and multi-node Nutanix CE clusters." />
      <EmptyState title="No clusters have been formed yet." />
    </>
  );
}
