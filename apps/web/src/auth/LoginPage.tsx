import { Button, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LoginRequest } from '@wutong/shared';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { useAuth } from './auth-context';
import { AuthCard } from './AuthCard';
import { CodeInput, codeRules } from './CodeInput';
import { FormError } from './FormError';
import { emailRules } from './rules';

type Credentials = Pick<LoginRequest, 'email' | 'password'>;

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set once the password was right and the account asks for its authenticator code.
  const [pending, setPending] = useState<Credentials | null>(null);
  const [lastEmail, setLastEmail] = useState<string | undefined>();
  const [codeForm] = Form.useForm<{ otp: string }>();
  const sending = useRef(false);

  const send = async (request: LoginRequest): Promise<void> => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      // GuestOnly moves on to the page that asked for the log-in.
      await login(request);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : null;
      if (code === 'MFA_CODE_REQUIRED') {
        setPending({ email: request.email, password: request.password });
      } else if (code === 'INVALID_MFA_CODE') {
        codeForm.setFields([{ name: 'otp', errors: [t('errors.INVALID_MFA_CODE')] }]);
      } else {
        setError(errorMessage(t, e));
      }
      setBusy(false);
    } finally {
      sending.current = false;
    }
  };

  const back = () => {
    setLastEmail(pending?.email);
    setPending(null);
    setError(null);
  };

  if (pending) {
    return (
      <AuthCard title={t('mfa.loginTitle')} subtitle={t('mfa.loginSubtitle')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: -16 }} data-testid="login-code-email">
          {pending.email}
        </Typography.Paragraph>
        <Form<{ otp: string }>
          form={codeForm}
          layout="vertical"
          requiredMark={false}
          name="login-code"
          onFinish={({ otp }) => void send({ ...pending, otp })}
        >
          <Form.Item name="otp" label={t('mfa.code')} rules={codeRules(t)} extra={t('mfa.loginHelp')}>
            <CodeInput autoFocus data-testid="login-code" />
          </Form.Item>
          <FormError message={error} />
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="login-code-submit"
          >
            {t('mfa.loginSubmit')}
          </Button>
          <Button type="link" block onClick={back} style={{ marginTop: 8 }} data-testid="login-code-back">
            {t('mfa.loginBack')}
          </Button>
        </Form>
      </AuthCard>
    );
  }

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
      <Form<Credentials>
        layout="vertical"
        onFinish={(v) => void send({ email: v.email.trim(), password: v.password })}
        requiredMark={false}
        name="login"
        initialValues={{ email: lastEmail }}
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
