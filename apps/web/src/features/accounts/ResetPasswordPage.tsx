import { Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { authApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { AuthCard } from './AuthCard';
import { FormError } from '../../shared/FormError';
import { confirmPasswordRules, newPasswordRules } from './rules';

interface ResetValues {
  password: string;
  confirm: string;
}

/** Opened from the reset mail: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.confirmPasswordReset({ token, password });
      setDone(true);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  if (!token || done) {
    return (
      <AuthCard title={t('auth.resetTitle')}>
        <Result
          status={done ? 'success' : 'warning'}
          title={done ? t('auth.resetDoneTitle') : undefined}
          subTitle={done ? t('auth.resetDoneText') : t('auth.resetMissingToken')}
          extra={
            <Link to={done ? '/login' : '/forgot-password'}>
              <Button type="primary">{done ? t('auth.toLogin') : t('auth.requestAgain')}</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('auth.resetTitle')}
      subtitle={t('auth.resetSubtitle')}
      footer={<Link to="/forgot-password">{t('auth.requestAgain')}</Link>}
    >
      <Form<ResetValues> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} name="reset">
        <Form.Item name="password" label={t('auth.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['password']}
          rules={confirmPasswordRules(t, 'password')}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <FormError message={error} />
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('auth.resetSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
