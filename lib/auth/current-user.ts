import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ActiveUser } from './active-user';
import { safeCallbackPath } from './callback-path';
import { hasRole, type Role } from './roles';
import { sessionUser } from './session';

/** The signed-in user of the page being rendered, or null. */
export async function currentUser(): Promise<ActiveUser | null> {
  return sessionUser(await cookies());
}

/** For console pages: the signed-in user, or a redirect to /login that comes back afterwards. */
export async function requireSignIn(): Promise<ActiveUser> {
  const user = await currentUser();
  if (user) return user;
  const path = (await headers()).get('x-request-path') ?? '/';
  redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(path))}`);
}

/** Whether the signed-in user may see a page that needs `min` (pages render a notice if not). */
export async function userHasRole(min: Role): Promise<boolean> {
  const user = await currentUser();
  return Boolean(user && hasRole(user.role, min));
}
