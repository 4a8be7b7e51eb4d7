import { UsersTable } from '@/components/admin/UsersTable';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { PageHeader } from '@/components/common/PageHeader';
import { currentUser } from '@/lib/auth/current-user';
import { hasRole } from '@/lib/auth/roles';
import { listUsers } from '@/lib/auth/users';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await currentUser();
  if (!me || !hasRole(me.role, 'admin')) return <><PageHeader title="Users" /><RoleRequired role="admin" /></>;
  const users = (await listUsers()).map((u) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null }));
  return (
    <>
      <PageHeader title="Users" description="Who may sign in, and with which role." />
      <UsersTable users={users} currentUserId={me.userId} />
    </>
  );
}
