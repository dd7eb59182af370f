import { Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { authApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { AuthCard } from './AuthCard';
import { FormError } from '../../shared/FormError';
import { emailRules } from './rules';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.requestPasswordReset({ email: email.trim() });
      setSentTo(email.trim());
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <AuthCard title={t('auth.forgotTitle')}>
        <Result
          status="success"
          title={t('auth.forgotSentTitle')}
          subTitle={t('auth.forgotSentText', { email: sentTo })}
          extra={
            <Link to="/login">
              <Button type="primary">{t('auth.toLogin')}</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('auth.forgotTitle')}
      subtitle={t('auth.forgotSubtitle')}
      footer={<Link to="/login">{t('auth.toLogin')}</Link>}
    >
      <Form
        layout="vertical"
        onFinish={(v: { email: string }) => void submit(v)}
        requiredMark={false}
        name="forgot"
      >
        <Form.Item name="email" label={t('auth.email')} rules={emailRules(t)}>
          <Input type="email" autoComplete="email" placeholder={t('auth.emailPlaceholder')} size="large" />
        </Form.Item>
        <FormError message={error} />
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('auth.forgotSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
