export const NAV_ITEMS = [
  { href: '/', label: 'Dashboard' },
  { href: '/nodes', label: 'Nodes' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/dns', label: 'DNS' },
  { href: '/cleanup', label: 'Cleanup' },
  { href: '/audit', label: 'Audit' },
  { href: '/admin', label: 'Admin' },
] as const;

export function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
