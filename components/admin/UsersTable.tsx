'use client';

import { Button, DataTable, InlineNotification, OverflowMenu, OverflowMenuItem, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, TableToolbar, TableToolbarContent, Tag } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
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

const HEADERS = [
  { key: 'email', header: 'Email' },
  { key: 'name', header: 'Name' },
  { key: 'role', header: 'Role' },
  { key: 'status', header: 'Status' },
  { key: 'lastLoginAt', header: 'Last sign-in' },
  { key: 'actions', header: '' },
];

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

  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = users.map((u) => ({ id: u.id, email: u.email, name: u.name ?? '', role: u.role, status: u.disabled ? 'disabled' : 'active', lastLoginAt: u.lastLoginAt ?? '', actions: '' }));

  return (
    <>
      {error && <InlineNotification kind="error" lowContrast title="Change refused" subtitle={error} onCloseButtonClick={() => setError('')} />}
      <DataTable rows={rows} headers={HEADERS}>
        {({ rows: tableRows, headers, getTableProps, getHeaderProps, getRowProps }) => (
          <TableContainer title="Users" description="Roles: viewer (read only), operator (provision, reinitialize, cleanup, DNS), admin (everything).">
            <TableToolbar>
              <TableToolbarContent>
                <Button renderIcon={Add} onClick={() => setCreating(true)}>Add user</Button>
              </TableToolbarContent>
            </TableToolbar>
            <Table {...getTableProps()}>
              <TableHead>
                <TableRow>{headers.map((h) => <TableHeader {...getHeaderProps({ header: h })} key={h.key}>{h.header}</TableHeader>)}</TableRow>
              </TableHead>
              <TableBody>
                {tableRows.map((row) => {
                  const user = byId.get(row.id)!;
                  return (
                    <TableRow {...getRowProps({ row })} key={row.id} data-testid={`user-row-${user.email}`}>
                      <TableCell>{user.email}{user.id === currentUserId && ' (you)'}</TableCell>
                      <TableCell>{user.name}</TableCell>
                      <TableCell><Tag type={user.role === 'admin' ? 'purple' : user.role === 'operator' ? 'blue' : 'gray'}>{user.role}</Tag></TableCell>
                      <TableCell><Tag type={user.disabled ? 'red' : 'green'}>{user.disabled ? 'disabled' : 'active'}</Tag></TableCell>
                      <TableCell>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : 'never'}</TableCell>
                      <TableCell>
                        <OverflowMenu aria-label={`Actions for ${user.email}`} flipped>
                          {ROLES.filter((r) => r !== user.role).map((r) => (
                            <OverflowMenuItem key={r} itemText={`Make ${r}`} onClick={() => act(user.id, { method: 'PATCH', body: { role: r } })} />
                          ))}
                          <OverflowMenuItem itemText={user.disabled ? 'Enable' : 'Disable'} onClick={() => act(user.id, { method: 'PATCH', body: { disabled: !user.disabled } })} />
                          <OverflowMenuItem itemText="Delete" isDelete hasDivider onClick={() => window.confirm(`Delete ${user.email}? Their API tokens stop working.`) && act(user.id, { method: 'DELETE' })} />
                        </OverflowMenu>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DataTable>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); router.refresh(); }} />
    </>
  );
}
