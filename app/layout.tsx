import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { THEME_COOKIE, themeFromCookie } from '@/lib/ui/theme';
import { ThemeRoot } from '@/components/shell/ThemeRoot';
import '@ibm/plex-sans/css/ibm-plex-sans-default.min.css';
import '@ibm/plex-mono/css/ibm-plex-mono-default.min.css';
import './globals.scss';

export const metadata: Metadata = {
  title: { default: 'Nutanix VPC Orchestrator', template: '%s · Nutanix VPC Orchestrator' },
  description: 'Provision Nutanix CE nodes on IBM Cloud VPC bare metal',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en">
      <body>
        <ThemeRoot initial={theme}>{children}</ThemeRoot>
      </body>
    </html>
  );
}
