import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'Nodes' };

export default function NodesPage() {
  return (
    <>
      <PageHeader title="Nodes" description="Bare-metal servers running Nutanix CE." />
      <EmptyState title="No nodes have been provisioned yet." />
    </>
  );
}
