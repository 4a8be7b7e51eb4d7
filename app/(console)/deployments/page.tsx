import { PageHeader } from '@/components/common/PageHeader';
import { DeploymentsTable } from '@/components/deployments/DeploymentsTable';
import { listDeployments } from '@/lib/status/deployments';

export const metadata = { title: 'Deployments' };

export default async function DeploymentsPage() {
  const initial = await listDeployments({ limit: 25 });
  return (
    <>
      <PageHeader title="Deployments" description="Every provisioning, reinitialize, cleanup and cluster workflow run." />
      <DeploymentsTable initial={initial} />
    </>
  );
}
