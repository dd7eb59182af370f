import { App, Button, Card, Flex, Form, Result, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../shared/api/client';
import { meApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { CodeInput, codeRules, normalizeCode } from '../../shared/CodeInput';
import { FormError } from '../../shared/FormError';

/** How long the API keeps a mailed code valid (auth/email-verification.service.ts). */
const VALID_MINUTES = 30;

/**
 * /verify-email (also the link in the verification mail, `?code=`): the signed-in person enters the
 * 6-digit code mailed at sign-up. Registering and booking wait for it.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const linked = normalizeCode(params.get('code') ?? '');
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const submitted = useRef(false);
  const [justVerified, setJustVerified] = useState(false);

  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [waitUntil, now]);

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setUser(await meApi.confirmEmail(code));
      setJustVerified(true);
      void message.success(t('verify.done'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'WRONG_CODE')
        form.setFields([{ name: 'code', errors: [t('errors.WRONG_CODE')] }]);
      else if (e instanceof ApiError && e.code === 'ALREADY_VERIFIED') setUser(await meApi.get());
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  // The link in the mail carries the code: confirm it once, on arrival.
  useEffect(() => {
    if (!linked || submitted.current || !user || user.emailVerified) return;
    submitted.current = true;
    form.setFieldValue('code', linked);
    void confirm({ code: linked });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked, user]);

  const resend = async () => {
    setError(null);
    try {
      await meApi.sendEmailCode();
      void message.success(t('verify.resent'));
      setWaitUntil(Date.now() + 60_000);
      setNow(Date.now());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATE_LIMITED' && e.retryAfter) {
        setWaitUntil(Date.now() + e.retryAfter * 1000);
        setNow(Date.now());
      } else if (e instanceof ApiError && e.code === 'ALREADY_VERIFIED') setUser(await meApi.get());
      else setError(errorMessage(t, e));
    }
  };

  if (!user) return null;
  if (user.emailVerified) {
    return (
      <Result
        status="success"
        title={justVerified ? t('verify.done') : t('verify.already')}
        data-testid="verify-done"
        extra={
          <Link to="/profile">
            <Button type="primary">{t('verify.toProfile')}</Button>
          </Link>
        }
      />
    );
  }

  const wait = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  return (
    <Flex justify="center">
      <Card style={{ width: '100%', maxWidth: 440 }} data-testid="verify-email">
        <Typography.Title level={1} className="wt-page-title" style={{ marginTop: 0 }}>
          {t('verify.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('verify.subtitle', { email: user.email, minutes: VALID_MINUTES })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('verify.why')}</Typography.Paragraph>
        <Form<{ code: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          name="verify-email"
          onFinish={(v) => void confirm(v)}
        >
          <Form.Item name="code" label={t('verify.code')} rules={codeRules(t)} extra={t('verify.noMail')}>
            <CodeInput autoFocus data-testid="verify-code" />
          </Form.Item>
          <FormError message={error} />
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="verify-submit">
              {t('verify.submit')}
            </Button>
            <Button onClick={() => void resend()} disabled={wait > 0} data-testid="verify-resend">
              {wait > 0 ? t('verify.resendWait', { seconds: wait }) : t('verify.resend')}
            </Button>
            <Link to="/profile">
              <Button type="link">{t('verify.later')}</Button>
            </Link>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
