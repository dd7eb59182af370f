import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { AppHeader } from './AppHeader';

/** Header only: the home page and the sign-up / log-in / password pages. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <Layout className="wt-shell">
      <AppHeader />
      <Layout.Content className="wt-public-content">{children ?? <Outlet />}</Layout.Content>
    </Layout>
  );
}
