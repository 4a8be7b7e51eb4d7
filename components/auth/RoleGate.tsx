'use client';

import type { Role } from '@/lib/auth/roles';
import { useHasRole } from './RoleProvider';

/**
 * Renders its children only for users with at least `min` (e.g. a "Provision" button for
 * operators). Hiding is a courtesy: route handlers refuse the action anyway.
 */
export function RoleGate({ min, children, fallback = null }: { min: Role; children: React.ReactNode; fallback?: React.ReactNode }) {
  return useHasRole(min) ? <>{children}</> : <>{fallback}</>;
}
