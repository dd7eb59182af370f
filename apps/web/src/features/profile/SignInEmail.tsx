import { App, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../shared/api/client';
import { meApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { CodeInput, codeRules } from '../../shared/CodeInput';
import { FormError } from '../../shared/FormError';
import { useAuth } from '../../shared/session/auth-context';

interface Values {
  email: string;
  code: string;
}

/**
 * The account's email: shown when confirmed; otherwise given here (an account made by phone has none)
 * and confirmed with the mailed code (POST /me/email, then /me/email/confirm). With a confirmed email
 * and a password the account also signs in by email.
 */
export function SignInEmail() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;

  const send = async () => {
    setError(null);
    let email: string;
    try {
      email = ((await form.validateFields(['email'])) as Pick<Values, 'email'>).email.trim();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await meApi.addEmail(email);
      setSentTo(email);
      void message.success(t('emailAddress.codeSent'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'EMAIL_TAKEN')
        form.setFields([{ name: 'email', errors: [t('errors.EMAIL_TAKEN')] }]);
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: Values) => {
    setBusy(true);
    setError(null);
    try {
      setUser(await meApi.confirmEmail(code));
      setSentTo(null);
      form.resetFields();
      void message.success(t('emailAddress.confirmed'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'WRONG_CODE')
        form.setFields([{ name: 'code', errors: [t('errors.WRONG_CODE')] }]);
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('emailAddress.title')} data-testid="sign-in-email">
      <Flex vertical gap={12}>
        {user.email && user.emailVerified ? (
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong data-testid="confirmed-email">
              {user.email}
            </Typography.Text>
            <Tag color="green">{t('emailAddress.verified')}</Tag>
          </Flex>
        ) : (
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            name="add-email"
            initialValues={{ email: user.email ?? '' }}
            onFinish={(v) => void confirm(v)}
          >
            <Typography.Paragraph type="secondary">{t('emailAddress.help')}</Typography.Paragraph>
            <Form.Item
              name="email"
              label={t('emailAddress.label')}
              rules={[
                { required: true, message: t('auth.rules.emailRequired') },
                { type: 'email', message: t('auth.rules.emailInvalid') },
              ]}
            >
              <Input type="email" autoComplete="email" data-testid="add-email-address" />
            </Form.Item>
            {sentTo && (
              <Form.Item name="code" label={t('emailAddress.code', { email: sentTo })} rules={codeRules(t)}>
                <CodeInput data-testid="add-email-code" autoFocus />
              </Form.Item>
            )}
            <FormError message={error} />
            <Flex gap={8} wrap>
              <Button onClick={() => void send()} loading={busy && !sentTo} data-testid="add-email-send">
                {sentTo ? t('emailAddress.resend') : t('emailAddress.send')}
              </Button>
              {sentTo && (
                <Button type="primary" htmlType="submit" loading={busy} data-testid="add-email-confirm">
                  {t('emailAddress.confirm')}
                </Button>
              )}
            </Flex>
          </Form>
        )}
        {!user.hasPassword && (
          <Typography.Text type="secondary">
            {t('emailAddress.noPassword')}{' '}
            <Link to="/profile/password" data-testid="set-password">
              {t('emailAddress.setPassword')}
            </Link>
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
