import { Alert, App, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { authApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { CodeInput, codeRules } from '../../shared/CodeInput';
import { FormError } from '../../shared/FormError';
import { currentLocale } from '../../shared/i18n/index';
import { PhoneCodeFields, cleanMobile } from '../../shared/PhoneCode';
import { useAuth } from '../../shared/session/auth-context';

interface Values {
  phone: string;
  code: string;
  displayName?: string;
  otp?: string;
}

/**
 * 手机号 + 验证码: one form signs in an existing number and makes a founder of a new one. The API
 * answers alike for known and unknown numbers until the code is right; only then does it ask for
 * a name (a new number) or the authenticator code (two-step sign-in). On the sign-up page the name
 * is asked up front. Once signed in, GuestOnly moves on to the page that asked (an event page).
 */
export function PhoneSignInForm({ askName = false }: { askName?: boolean }) {
  const { t } = useTranslation();
  const { smsLogin } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [needName, setNeedName] = useState(askName);
  const [needOtp, setNeedOtp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);

  const sendCode = async (): Promise<boolean> => {
    setError(null);
    try {
      await form.validateFields(['phone']);
    } catch {
      return false;
    }
    await authApi.sendSmsCode(cleanMobile(form.getFieldValue('phone') as string));
    void message.success(t('phone.codeSent'));
    return true;
  };

  const submit = async (values: Values) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const { created } = await smsLogin({
        phone: cleanMobile(values.phone),
        code: values.code,
        locale: currentLocale(),
        ...(values.displayName?.trim() && { displayName: values.displayName.trim() }),
        ...(values.otp && { otp: values.otp }),
      });
      void message.success(created ? t('auth.welcome') : t('phone.welcomeBack'));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : null;
      if (
        code === 'VALIDATION_FAILED' &&
        e instanceof ApiError &&
        e.fieldErrors.some((f) => f.field === 'displayName')
      ) {
        // The code was right and the number is new: a name finishes the sign-up.
        setNeedName(true);
      } else if (code === 'MFA_CODE_REQUIRED') {
        setNeedOtp(true);
      } else if (code === 'INVALID_MFA_CODE') {
        form.setFields([{ name: 'otp', errors: [t('errors.INVALID_MFA_CODE')] }]);
      } else if (code === 'INVALID_CODE') {
        form.setFields([{ name: 'code', errors: [t('errors.INVALID_CODE')] }]);
      } else {
        setError(errorMessage(t, e));
      }
      setBusy(false);
    } finally {
      sending.current = false;
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      name="phone-login"
      onFinish={(v) => void submit(v)}
    >
      <PhoneCodeFields
        send={sendCode}
        onError={(e) => setError(errorMessage(t, e))}
        testId={{ number: 'phone-number', code: 'phone-code', send: 'phone-send-code' }}
      />
      {needName && !askName && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('phone.newNumber')}
          data-testid="phone-new-number"
        />
      )}
      {needName && (
        <Form.Item
          name="displayName"
          label={t('auth.displayName')}
          rules={[
            {
              required: !askName || needName,
              whitespace: true,
              message: t('auth.rules.displayNameRequired'),
            },
            { max: 100 },
          ]}
          extra={askName ? t('phone.nameHelp') : undefined}
        >
          <Input
            autoComplete="name"
            placeholder={t('auth.displayNamePlaceholder')}
            size="large"
            data-testid="phone-name"
          />
        </Form.Item>
      )}
      {needOtp && (
        <Form.Item name="otp" label={t('mfa.code')} rules={codeRules(t)} extra={t('mfa.loginHelp')}>
          <CodeInput autoFocus data-testid="phone-otp" />
        </Form.Item>
      )}
      <FormError message={error} />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="phone-submit">
        {askName ? t('phone.signupSubmit') : t('phone.loginSubmit')}
      </Button>
    </Form>
  );
}
