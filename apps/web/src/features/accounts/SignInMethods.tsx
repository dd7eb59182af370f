import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Phone or email, as tabs. In Chinese the phone comes first and is open (founders here sign in by
 * 手机号 + 验证码); in English email comes first. Both are always there.
 */
export function SignInMethods({ phone, email }: { phone: ReactNode; email: ReactNode }) {
  const { t, i18n } = useTranslation();
  const phoneFirst = i18n.language.startsWith('zh');
  const tabs = [
    { key: 'phone', label: t('phone.tab'), children: phone },
    { key: 'email', label: t('auth.emailTab'), children: email },
  ];
  return (
    <Tabs
      key={phoneFirst ? 'zh' : 'en'}
      defaultActiveKey={phoneFirst ? 'phone' : 'email'}
      items={phoneFirst ? tabs : tabs.reverse()}
      centered
      destroyOnHidden={false}
      data-testid="sign-in-methods"
    />
  );
}
