import { apiQuery, filtersFrom, LIST_FILTERS, listView } from '@/components/common/list-query';
import { PageHeader } from '@/components/common/PageHeader';
import { DeploymentsTable } from '@/components/deployments/DeploymentsTable';
import { listDeployments } from '@/lib/status/deployments';
import { deploymentsQuery } from '@/lib/status/schemas';

export const metadata = { title: 'Deployments' };
export const dynamic = 'force-dynamic';

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const query = apiQuery(listView(params), filtersFrom(params, LIST_FILTERS.deployments));
  const parsed = deploymentsQuery.safeParse(Object.fromEntries(new URLSearchParams(query)));
  const initial = parsed.success ? await listDeployments(parsed.data) : { deployments: [], total: 0 };
  return (
    <>
      <PageHeader title="Deployments" description="Every provisioning, reinitialize, cleanup and cluster workflow run." />
      <DeploymentsTable initial={initial} initialQuery={query} />
    </>
  );
}
