import { Alert, Button, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LoginRequest } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { authApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { AuthCard } from './AuthCard';
import { PhoneSignInForm } from './PhoneSignInForm';
import { SignInMethods } from './SignInMethods';
import { CodeInput, codeRules } from '../../shared/CodeInput';
import { FormError } from '../../shared/FormError';
import { emailRules } from './rules';

type Credentials = Pick<LoginRequest, 'email' | 'password' | 'emailCode'>;

/** Minutes (or seconds, under two minutes) in words, for "try again in …". */
function waitText(t: TFunction, seconds: number): string {
  return seconds < 120
    ? t('common.seconds', { count: seconds })
    : t('common.minutes', { count: Math.ceil(seconds / 60) });
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set once the password was right and the account asks for its authenticator code.
  const [pending, setPending] = useState<Credentials | null>(null);
  const [lastEmail, setLastEmail] = useState<string | undefined>();
  const [codeForm] = Form.useForm<{ otp: string }>();
  // Set when the account is closed to unknown devices after many wrong passwords: a mailed code gets in.
  const [closed, setClosed] = useState<(Credentials & { retryAfter: number; sent: boolean }) | null>(null);
  const [closedForm] = Form.useForm<{ emailCode: string }>();
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
        setClosed(null);
        setPending({ email: request.email, password: request.password, emailCode: request.emailCode });
      } else if (code === 'RATE_LIMITED' && e instanceof ApiError && e.details.signInCode === true) {
        if (request.emailCode)
          closedForm.setFields([{ name: 'emailCode', errors: [t('errors.INVALID_CODE')] }]);
        setClosed((previous) => ({
          email: request.email,
          password: request.password,
          retryAfter: e.retryAfter ?? 60,
          sent: previous?.email === request.email && previous.sent,
        }));
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
    setLastEmail(pending?.email ?? closed?.email);
    setPending(null);
    setClosed(null);
    setError(null);
  };

  const sendCode = async () => {
    if (!closed) return;
    setError(null);
    try {
      await authApi.requestSignInCode({ email: closed.email });
      setClosed({ ...closed, sent: true });
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  if (closed) {
    return (
      <AuthCard title={t('auth.closedTitle')}>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="login-closed"
          title={t('auth.closedText', { time: waitText(t, closed.retryAfter) })}
        />
        {closed.sent ? (
          <Form<{ emailCode: string }>
            form={closedForm}
            layout="vertical"
            requiredMark={false}
            name="login-email-code"
            onFinish={({ emailCode }) =>
              void send({ email: closed.email, password: closed.password, emailCode })
            }
          >
            <Typography.Paragraph type="secondary">{t('auth.closedSent')}</Typography.Paragraph>
            <Form.Item name="emailCode" label={t('auth.emailCode')} rules={codeRules(t)}>
              <CodeInput autoFocus data-testid="login-email-code" />
            </Form.Item>
            <FormError message={error} />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-email-code-submit"
            >
              {t('auth.closedSubmit')}
            </Button>
          </Form>
        ) : (
          <>
            <FormError message={error} />
            <Button
              type="primary"
              block
              size="large"
              onClick={() => void sendCode()}
              data-testid="login-send-code"
            >
              {t('auth.closedSend')}
            </Button>
          </>
        )}
        <Button type="link" block onClick={back} style={{ marginTop: 8 }}>
          {t('mfa.loginBack')}
        </Button>
      </AuthCard>
    );
  }

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

  const emailForm = (
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
  );

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
      <SignInMethods phone={<PhoneSignInForm />} email={emailForm} />
    </AuthCard>
  );
}
