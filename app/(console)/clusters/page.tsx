import { ClusterTable } from '@/components/clusters/ClusterTable';
import { PageHeader } from '@/components/common/PageHeader';
import { listClusters } from '@/lib/clusters/queries';

export const metadata = { title: 'Clusters' };
export const dynamic = 'force-dynamic';

export default async function ClustersPage() {
  const clusters = await listClusters();
  return (
    <>
      <PageHeader title="Clusters" description="Single-node (RF1) and multi-node (RF2/RF3) Nutanix CE clusters formed from deployed nodes." />
      <ClusterTable initial={clusters} />
    </>
  );
}
