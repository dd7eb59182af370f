import { Drawer, Grid, Layout } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { AppHeader } from './AppHeader';
import { MfaBanner } from './MfaBanner';
import { VerifyBanner } from '../shared/VerifyBanner';
import { NavMenu } from './NavMenu';
import { DocumentTitle, MAIN_ID, SkipLink } from './PageFrame';

/** The signed-in shell: header, side menu on desktop, a drawer on phones. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // useBreakpoint is empty on the first render; treat "unknown" as phone-first.
  const desktop = screens.md === true;

  return (
    <Layout className="wt-shell">
      <SkipLink />
      <DocumentTitle />
      <AppHeader onOpenMenu={desktop ? undefined : () => setDrawerOpen(true)} />
      <MfaBanner />
      <VerifyBanner />
      <Layout>
        {desktop && (
          <Layout.Sider width={208} theme="light" className="wt-sider">
            <nav aria-label={t('nav.menu')}>
              <NavMenu />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content className="wt-content" id={MAIN_ID} tabIndex={-1}>
          {children ?? <Outlet />}
        </Layout.Content>
      </Layout>
      {!desktop && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('nav.menu')}
          size={260}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.menu')}>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      )}
    </Layout>
  );
}
