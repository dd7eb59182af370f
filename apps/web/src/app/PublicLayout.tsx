import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { AppHeader } from './AppHeader';
import { DocumentTitle, MAIN_ID, SkipLink } from './PageFrame';

/** Header only: the home page and the sign-up / log-in / password pages. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <Layout className="wt-shell">
      <SkipLink />
      <DocumentTitle />
      <AppHeader />
      <Layout.Content className="wt-public-content" id={MAIN_ID} tabIndex={-1}>
        {children ?? <Outlet />}
      </Layout.Content>
    </Layout>
  );
}
