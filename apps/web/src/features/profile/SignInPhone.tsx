import { App, Button, Card, Flex, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { meApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { FormError } from '../../shared/FormError';
import { PhoneCodeFields, cleanMobile } from '../../shared/PhoneCode';
import { useAuth } from '../../shared/session/auth-context';

/** 138 0013 8000 from +8613800138000, as people read a mainland number. */
function readable(e164: string): string {
  const national = e164.replace(/^\+86/, '');
  return national.length === 11
    ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`
    : e164;
}

/**
 * The number this account signs in with: verified by a texted code (POST /me/phone, then
 * /me/phone/confirm). A verified number also joins the account's walk-in check-ins.
 */
export function SignInPhone() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;

  const sendCode = async (): Promise<boolean> => {
    setError(null);
    try {
      await form.validateFields(['phone']);
    } catch {
      return false;
    }
    await meApi.sendPhoneCode(cleanMobile(form.getFieldValue('phone') as string));
    void message.success(t('phone.codeSent'));
    return true;
  };

  const confirm = async ({ phone, code }: { phone: string; code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await meApi.confirmPhone({ phone: cleanMobile(phone), code });
      setUser(await meApi.get());
      setOpen(false);
      form.resetFields();
      void message.success(t('phone.confirmed'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'WRONG_CODE')
        form.setFields([{ name: 'code', errors: [t('errors.WRONG_CODE')] }]);
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('profile.verifiedPhone')} data-testid="sign-in-phone">
      <Flex vertical gap={12}>
        {user.verifiedPhone ? (
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong data-testid="verified-phone">
              {readable(user.verifiedPhone)}
            </Typography.Text>
            <Tag color="green">{t('phone.verified')}</Tag>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('phone.verifyHelp')}</Typography.Text>
        )}
        {open ? (
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            name="verify-phone"
            onFinish={(v) => void confirm(v)}
          >
            <PhoneCodeFields
              send={sendCode}
              onError={(e) => setError(errorMessage(t, e))}
              testId={{ number: 'verify-phone-number', code: 'verify-phone-code', send: 'verify-phone-send' }}
            />
            <FormError message={error} />
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="verify-phone-confirm">
                {t('phone.confirm')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            </Flex>
          </Form>
        ) : (
          <div>
            <Button onClick={() => setOpen(true)} data-testid="verify-phone-open">
              {user.verifiedPhone ? t('phone.changeVerified') : t('phone.verify')}
            </Button>
          </div>
        )}
      </Flex>
    </Card>
  );
}
