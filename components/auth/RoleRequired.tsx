import { EmptyState } from '@/components/common/EmptyState';
import type { Role } from '@/lib/auth/roles';

/** What a page shows to a signed-in user whose role is too low for it. */
export function RoleRequired({ role }: { role: Role }) {
  return <EmptyState title={`This page needs the ${role} role.`}>Ask an admin if you need access.</EmptyState>;
}
