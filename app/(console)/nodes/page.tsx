import { apiQuery, filtersFrom, LIST_FILTERS, listView } from '@/components/common/list-query';
import { PageHeader } from '@/components/common/PageHeader';
import { NodeTable } from '@/components/nodes/NodeTable';
import { listNodes } from '@/lib/provisioning/queries';
import { listNodesQuerySchema } from '@/lib/provisioning/schemas';

export const metadata = { title: 'Nodes' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first page as the URL asks for it (the table then keeps it live through the same API query). */
export default async function NodesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = apiQuery(listView(params), filtersFrom(params, LIST_FILTERS.nodes));
  const parsed = listNodesQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
  const initial = parsed.success ? await listNodes(parsed.data) : { nodes: [], total: 0 };
  return (
    <>
      <PageHeader title="Nodes" description="Bare-metal servers running Nutanix CE." />
      <NodeTable initial={initial} initialQuery={query} />
    </>
  );
}
