import { notFound } from 'next/navigation';
import { ClusterDetail } from '@/components/clusters/ClusterDetail';
import { PageHeader } from '@/components/common/PageHeader';
import { getCluster } from '@/lib/clusters/queries';
import { NotFoundError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

async function load(id: string) {
  if (!/^\d+$/.test(id)) notFound();
  try {
    return await getCluster(Number(id));
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const cluster = await load((await params).id);
  return (
    <>
      <PageHeader title={`Cluster ${cluster.name}`} description={`${cluster.type === 'single_node' ? 'Single-node' : 'Multi-node'} cluster, ${cluster.nodeCount} member(s).`} />
      <ClusterDetail initial={cluster} />
    </>
  );
}
