import { AdminSections } from '@/components/admin/AdminSections';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { PageHeader } from '@/components/common/PageHeader';
import { userHasRole } from '@/lib/auth/current-user';

export const metadata = { title: 'Admin' };

export default async function AdminPage() {
  const allowed = await userHasRole('admin');
  return (
    <>
      <PageHeader title="Admin" description="Users, API tokens, the database and boot images." />
      {allowed ? <AdminSections /> : <RoleRequired role="admin" />}
    </>
  );
}
