import { Avatar, Button, Dropdown, Grid } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../shared/session/auth-context';

export function UserMenu() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  if (!user) return null;

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('user.profile') },
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate('/profile');
    if (key === 'password') void navigate('/profile/password');
    if (key === 'logout') {
      // The route guard takes the signed-out visitor to the log-in page.
      void logout();
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
        {/* The button's name is the person's name (shown on a desktop) and what it opens, read out. */}
        <Avatar size="small" style={{ backgroundColor: '#1f7a4d' }} aria-hidden>
          {user.displayName.trim().charAt(0).toUpperCase() || <UserOutlined />}
        </Avatar>
        <span className={screens.md ? 'wt-user-name' : 'wt-visually-hidden'}>{user.displayName}</span>
        <span className="wt-visually-hidden">{t('user.menu')}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
