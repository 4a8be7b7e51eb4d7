'use client';

import { HeaderGlobalAction } from '@carbon/react';
import { Logout } from '@carbon/icons-react';
import { signOut } from 'next-auth/react';
import { useCurrentUser } from './RoleProvider';

/** The signed-in user's email and role in the header, and the sign-out action. */
export function UserMenu() {
  const user = useCurrentUser();
  if (!user) return null;
  return (
    <>
      <span className="app-header-user cds--type-body-compact-01" data-testid="current-user">
        {user.email} <span className="app-header-role">({user.role})</span>
      </span>
      <HeaderGlobalAction aria-label="Sign out" data-testid="sign-out" onClick={() => signOut({ callbackUrl: '/login' })}>
        <Logout size={20} />
      </HeaderGlobalAction>
    </>
  );
}
