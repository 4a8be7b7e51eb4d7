/** The Admin landing page lists these; add a section here when adding a page under /admin. */
export const ADMIN_SECTIONS = [
  { href: '/admin/users', title: 'Users', description: 'Create users, change roles, disable or remove accounts.' },
  { href: '/admin/tokens', title: 'API tokens', description: 'Tokens for automation: create, see last use, revoke.' },
  { href: '/admin/database', title: 'Database', description: 'The orchestrator\'s own tables, read-only: browse, sort, export CSV.' },
  { href: '/admin/boot-images', title: 'Boot images', description: 'Kernel, initrd and installer images nodes boot from.' },
];
