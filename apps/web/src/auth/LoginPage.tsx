import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LoginRequest } from '@wutong/shared';
import { errorMessage } from '../api/errors';
import { useAuth } from './auth-context';
import { AuthCard } from './AuthCard';
import { FormError } from './FormError';
import { emailRules } from './rules';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginRequest) => {
    setBusy(true);
    setError(null);
    try {
      // GuestOnly moves on to the page that asked for the log-in.
      await login({ email: values.email.trim(), password: values.password });
    } catch (e) {
      setError(errorMessage(t, e));
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title={t('auth.loginTitle')}
      subtitle={t('auth.loginSubtitle')}
      footer={
        <>
          {t('auth.noAccount')} <Link to="/signup">{t('auth.toSignup')}</Link>
        </>
      }
    >
      <Form<LoginRequest>
        layout="vertical"
        onFinish={(v) => void submit(v)}
        requiredMark={false}
        name="login"
      >
        <Form.Item name="email" label={t('auth.email')} rules={emailRules(t)}>
          <Input type="email" autoComplete="email" placeholder={t('auth.emailPlaceholder')} size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.rules.passwordRequired') }]}
          extra={<Link to="/forgot-password">{t('auth.forgot')}</Link>}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <FormError message={error} />
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('auth.loginSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
