'use client';

import {
  Content,
  Header,
  HeaderContainer,
  HeaderGlobalAction,
  HeaderGlobalBar,
  HeaderMenuButton,
  HeaderName,
  SideNav,
  SideNavItems,
  SideNavLink,
  SkipToContent,
} from '@carbon/react';
import { Asleep, Light } from '@carbon/icons-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRole } from '@/components/auth/RoleProvider';
import { UserMenu } from '@/components/auth/UserMenu';
import { isActive, navItemsFor } from './nav';
import { SimulationBanner } from './SimulationBanner';
import { useTheme } from './ThemeRoot';

export function AppShell({ simulation, children }: { simulation: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const { theme, toggle } = useTheme();
  const role = useRole();
  return (
    <HeaderContainer
      render={({ isSideNavExpanded, onClickSideNavExpand }) => (
        <>
          <Header aria-label="Nutanix VPC Orchestrator">
            <SkipToContent />
            <HeaderMenuButton
              aria-label={isSideNavExpanded ? 'Close menu' : 'Open menu'}
              onClick={onClickSideNavExpand}
              isActive={isSideNavExpanded}
              aria-expanded={isSideNavExpanded}
            />
            <HeaderName as={Link} href="/" prefix="IBM Cloud">
              Nutanix VPC Orchestrator
            </HeaderName>
            <HeaderGlobalBar>
              <UserMenu />
              <HeaderGlobalAction
                aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
                onClick={toggle}
                data-testid="theme-toggle"
              >
                {theme === 'dark' ? <Light size={20} /> : <Asleep size={20} />}
              </HeaderGlobalAction>
            </HeaderGlobalBar>
            <SideNav aria-label="Side navigation" expanded={isSideNavExpanded} isPersistent>
              <SideNavItems>
                {navItemsFor(role).map((item) => (
                  <SideNavLink
                    key={item.href}
                    as={Link}
                    href={item.href}
                    isActive={isActive(pathname, item.href)}
                    aria-current={isActive(pathname, item.href) ? 'page' : undefined}
                  >
                    {item.label}
                  </SideNavLink>
                ))}
              </SideNavItems>
            </SideNav>
          </Header>
          <Content id="main-content" className="app-content">
            {simulation && <SimulationBanner />}
            {children}
          </Content>
        </>
      )}
    />
  );
}
