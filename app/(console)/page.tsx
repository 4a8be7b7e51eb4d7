import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';
import { StatusTiles } from '@/components/dashboard/StatusTiles';
import { countNodesByStatus } from '@/lib/status/node-counts';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const counts = await countNodesByStatus();
  return (
    <>
      <PageHeader title="Dashboard" description="Nutanix CE nodes on IBM Cloud VPC bare metal, at a glance." />
      <StatusTiles counts={{ ...counts, deploying: counts.deploying + counts.provisioning }} />
      {counts.total === 0 && (
        <EmptyState title="No nodes yet">Provisioned nodes and their deployments will appear here.</EmptyState>
      )}
    </>
  );
}
