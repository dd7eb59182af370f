import { Button, Flex, Layout, Space } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../shared/session/auth-context';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { loadChunk } from '../shared/lazy';

// Members only (dropdown, avatar): visitors never download it.
const UserMenu = lazy(() =>
  loadChunk(() => import('./UserMenu')).then((module) => ({ default: module.UserMenu })),
);

interface Props {
  /** Shown on phones where the side menu becomes a drawer. */
  onOpenMenu?: () => void;
}

export function AppHeader({ onOpenMenu }: Props) {
  const { t } = useTranslation();
  const { status } = useAuth();

  return (
    <Layout.Header className="wt-header">
      <Flex align="center" gap={4} style={{ minWidth: 0 }}>
        {onOpenMenu && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={onOpenMenu}
            aria-label={t('nav.openMenu')}
            data-testid="open-menu"
          />
        )}
        <Link to="/" className="wt-logo" data-testid="logo">
          {t('app.logo')}
        </Link>
      </Flex>
      <Space size={4}>
        <LanguageSwitch />
        {status === 'authenticated' ? (
          <Suspense fallback={null}>
            <UserMenu />
          </Suspense>
        ) : (
          (status === 'anonymous' || status === 'signedOut') && (
            <>
              <Link to="/events" className="wt-hide-xs">
                <Button type="text">{t('nav.events')}</Button>
              </Link>
              <Link to="/mentors" className="wt-hide-xs">
                <Button type="text">{t('nav.mentors')}</Button>
              </Link>
              <Link to="/login">
                <Button type="text">{t('common.login')}</Button>
              </Link>
              <Link to="/signup" className="wt-hide-xs">
                <Button type="primary">{t('common.signup')}</Button>
              </Link>
            </>
          )
        )}
      </Space>
    </Layout.Header>
  );
}
