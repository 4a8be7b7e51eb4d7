import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/common/PageHeader';
import { NodeDetailView } from '@/components/nodes/NodeDetailView';
import { NotFoundError } from '@/lib/errors';
import { getNodeDetail } from '@/lib/provisioning/queries';

export const dynamic = 'force-dynamic';

export default async function NodePage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) notFound();
  const detail = await getNodeDetail(id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <>
      <PageHeader title={detail.node.node_name} description={`Node ${id} · ${detail.node.server_profile}`} />
      <NodeDetailView initial={detail} />
    </>
  );
}
