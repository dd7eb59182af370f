import { Button, Dropdown } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/**
 * A visitor's menu on a phone (sign-up, events, mentors), loaded on the first tap of its button
 * (AppHeader), so it mounts open, and takes over the focus from the button it replaces.
 */
export function VisitorMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(true);

  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      menu={{
        items: [
          { key: '/signup', label: t('common.signup') },
          { key: '/events', label: t('nav.events') },
          { key: '/mentors', label: t('nav.mentors') },
        ],
        onClick: ({ key }) => void navigate(key),
      }}
    >
      <Button
        type="text"
        icon={<MenuOutlined />}
        aria-label={t('nav.visitorMenu')}
        data-testid="visitor-menu"
        autoFocus
      />
    </Dropdown>
  );
}
