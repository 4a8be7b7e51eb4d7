'use client';

import { Button, InlineNotification, OverflowMenu, OverflowMenuItem, Tag } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatTime } from '@/components/common/format';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { send, unwrap } from '@/components/common/send';
import { ROLES } from '@/lib/auth/roles';
import { CreateUserModal } from './CreateUserModal';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: boolean;
  lastLoginAt: string | null;
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState('');

  async function act(id: string, init: { method: 'PATCH' | 'DELETE'; body?: unknown }) {
    setError('');
    try {
      unwrap(await send(init.method, `/api/users/${id}`, init.body));
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const columns: Column<UserRow>[] = [
    { key: 'email', header: 'Email', sort: true, render: (u) => <>{u.email}{u.id === currentUserId && ' (you)'}</> },
    { key: 'name', header: 'Name', sort: true, render: (u) => u.name ?? '' },
    { key: 'role', header: 'Role', sort: true, render: (u) => <Tag type={u.role === 'admin' ? 'purple' : u.role === 'operator' ? 'blue' : 'gray'}>{u.role}</Tag> },
    { key: 'status', header: 'Status', value: (u) => (u.disabled ? 'disabled' : 'active'), sort: true, render: (u) => <Tag type={u.disabled ? 'red' : 'green'}>{u.disabled ? 'disabled' : 'active'}</Tag> },
    { key: 'lastLoginAt', header: 'Last sign-in', sort: true, render: (u) => formatTime(u.lastLoginAt, 'never') },
  ];

  return (
    <>
      {error && <InlineNotification kind="error" lowContrast title="Change refused" subtitle={error} onCloseButtonClick={() => setError('')} />}
      <ResourceTable
        ariaLabel="Users"
        title="Users"
        description="Roles: viewer (read only), operator (provision, reinitialize, cleanup, DNS), admin (everything)."
        columns={columns}
        rows={users}
        rowTestId={(u) => `user-row-${u.email}`}
        toolbar={<Button renderIcon={Add} onClick={() => setCreating(true)}>Add user</Button>}
        rowActions={(user) => (
          <OverflowMenu aria-label={`Actions for ${user.email}`} flipped>
            {ROLES.filter((r) => r !== user.role).map((r) => (
              <OverflowMenuItem key={r} itemText={`Make ${r}`} onClick={() => act(user.id, { method: 'PATCH', body: { role: r } })} />
            ))}
            <OverflowMenuItem itemText={user.disabled ? 'Enable' : 'Disable'} onClick={() => act(user.id, { method: 'PATCH', body: { disabled: !user.disabled } })} />
            <OverflowMenuItem itemText="Delete" isDelete hasDivider onClick={() => window.confirm(`Delete ${user.email}? Their API tokens stop working.`) && act(user.id, { method: 'DELETE' })} />
          </OverflowMenu>
        )}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); router.refresh(); }} />
    </>
  );
}
