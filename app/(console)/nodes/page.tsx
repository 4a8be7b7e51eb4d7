import { PageHeader } from '@/components/common/PageHeader';
import { NodeTable } from '@/components/nodes/NodeTable';
import { listNodes } from '@/lib/provisioning/queries';

export const metadata = { title: 'Nodes' };
export const dynamic = 'force-dynamic';

export default async function NodesPage() {
  const initial = await listNodes({ limit: 200 });
  return (
    <>
      <PageHeader title="Nodes" description="Bare-metal servers running Nutanix CE." />
      <NodeTable initial={initial} />
    </>
  );
}
