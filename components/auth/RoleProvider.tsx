'use client';

import { createContext, useContext } from 'react';
import { hasRole, type Role } from '@/lib/auth/roles';

export interface SignedInUser {
  email: string;
  name: string | null;
  role: Role;
}

const UserContext = createContext<SignedInUser | null>(null);

/** Makes the signed-in user (from the console layout, a server component) known to client islands. */
export function RoleProvider({ user, children }: { user: SignedInUser; children: React.ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useCurrentUser(): SignedInUser | null {
  return useContext(UserContext);
}

/** The signed-in user's role; null outside the console. */
export function useRole(): Role | null {
  return useCurrentUser()?.role ?? null;
}

/** Whether the signed-in user has at least `min`; use it to hide actions the server would refuse. */
export function useHasRole(min: Role): boolean {
  const role = useRole();
  return role !== null && hasRole(role, min);
}
