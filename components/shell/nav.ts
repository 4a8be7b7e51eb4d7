import { hasRole, type Role } from '@/lib/auth/roles';

export interface NavItem {
  href: string;
  label: string;
  /** Lowest role that sees the entry (the page itself checks again). */
  minRole?: Role;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/nodes', label: 'Nodes' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/dns', label: 'DNS' },
  { href: '/cleanup', label: 'Cleanup' },
  { href: '/audit', label: 'Audit', minRole: 'operator' },
  { href: '/admin', label: 'Admin', minRole: 'admin' },
  { href: '/api-docs', label: 'API reference' },
];

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.minRole || (role !== null && hasRole(role, item.minRole)));
}

export function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
