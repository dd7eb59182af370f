import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../shared/session/auth-context';
import { navItemsFor } from './nav';
import { NAV_ICONS } from './navIcons';

interface Props {
  onNavigate?: () => void;
}

export function NavMenu({ onNavigate }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navItemsFor(user?.roles ?? []).map((item) => ({
    key: item.path,
    icon: NAV_ICONS[item.path],
    label: t(item.label),
  }));
  const selected = items.filter((item) => pathname === item.key || pathname.startsWith(`${item.key}/`));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected.map((item) => item.key)}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
      data-testid="nav-menu"
    />
  );
}
