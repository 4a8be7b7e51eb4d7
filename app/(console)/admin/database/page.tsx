import { DatabaseBrowser } from '@/components/admin/DatabaseBrowser';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { PageHeader } from '@/components/common/PageHeader';
import { userHasRole } from '@/lib/auth/current-user';
import { databaseTableQuery } from '@/lib/db/schemas';
import { listViewerTables, viewTable } from '@/lib/db/viewer';

export const metadata = { title: 'Database' };

export default async function DatabasePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!(await userHasRole('admin'))) return <><PageHeader title="Database" /><RoleRequired role="admin" /></>;
  const { tables } = await listViewerTables();
  const params = await searchParams;
  const parsed = databaseTableQuery.safeParse({ ...params, table: params.table || 'Node', sort: params.sort || undefined });
  const query = parsed.success && tables.some((t) => t.name === parsed.data.table) ? parsed.data : databaseTableQuery.parse({ table: 'Node' });
  const page = await viewTable(query).catch(() => viewTable({ ...query, sort: undefined }));
  return (
    <>
      <PageHeader title="Database" description="The orchestrator's own tables, read-only. Hashes and sealed secrets are never shown." />
      <DatabaseBrowser tables={tables} page={page} />
    </>
  );
}
