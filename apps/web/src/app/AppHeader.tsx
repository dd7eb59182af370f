import { Button, Flex, Grid, Layout, Space } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../shared/session/auth-context';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { loadChunk } from '../shared/lazy';

// Members only (dropdown, avatar): visitors never download it.
const UserMenu = lazy(() =>
  loadChunk(() => import('./UserMenu')).then((module) => ({ default: module.UserMenu })),
);

// A phone visitor's menu (antd's Dropdown and Menu, with their popup and tooltip code) loads on the
// first tap of its button: the start-up bundle stays without them (docs/benchmarks.md, initial JS).
const loadVisitorMenu = () => loadChunk(() => import('./VisitorMenu'));
const VisitorMenu = lazy(() => loadVisitorMenu().then((module) => ({ default: module.VisitorMenu })));

function VisitorMenuButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const button = (
    <Button
      type="text"
      icon={<MenuOutlined />}
      onPointerDown={() => void loadVisitorMenu()}
      onClick={() => setOpened(true)}
      aria-label={t('nav.visitorMenu')}
      data-testid="visitor-menu"
    />
  );
  return opened ? (
    <Suspense fallback={button}>
      <VisitorMenu />
    </Suspense>
  ) : (
    button
  );
}

interface Props {
  /** Shown on phones where the side menu becomes a drawer. */
  onOpenMenu?: () => void;
}

export function AppHeader({ onOpenMenu }: Props) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const phone = Grid.useBreakpoint().sm === false;

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
          (status === 'anonymous' || status === 'signedOut') &&
          (phone ? (
            // A phone has room for one button beside the log-in: the rest of the way in is one tap away.
            <>
              <Link to="/login">
                <Button type="text">{t('common.login')}</Button>
              </Link>
              <VisitorMenuButton />
            </>
          ) : (
            <>
              <Link to="/events">
                <Button type="text">{t('nav.events')}</Button>
              </Link>
              <Link to="/mentors">
                <Button type="text">{t('nav.mentors')}</Button>
              </Link>
              <Link to="/login">
                <Button type="text">{t('common.login')}</Button>
              </Link>
              <Link to="/signup">
                <Button type="primary">{t('common.signup')}</Button>
              </Link>
            </>
          ))
        )}
      </Space>
    </Layout.Header>
  );
}
