import { AppShell } from '@/components/shell/AppShell';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

export default function ConsoleLayout({ children }: { children: React.ReactNode }) {
  return <AppShell simulation={getConfig().mode === 'simulation'}>{children}</AppShell>;
}
