import { RoleProvider } from '@/components/auth/RoleProvider';
import { AppShell } from '@/components/shell/AppShell';
import { requireSignIn } from '@/lib/auth/current-user';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** Every console page needs a signed-in, enabled user; anonymous visitors go to /login. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignIn();
  return (
    <RoleProvider user={{ email: user.email, name: user.name, role: user.role }}>
      <AppShell simulation={getConfig().mode === 'simulation'}>{children}</AppShell>
    </RoleProvider>
  );
}
