import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, applyFieldErrors } from '../../shared/api/errors';
import { currentLocale } from '../../shared/i18n/index';
import { useAuth } from '../../shared/session/auth-context';
import { AuthCard } from './AuthCard';
import { PhoneSignInForm } from './PhoneSignInForm';
import { SignInMethods } from './SignInMethods';
import { FormError } from '../../shared/FormError';
import { confirmPasswordRules, emailRules, newPasswordRules } from './rules';

interface SignupValues {
  displayName: string;
  email: string;
  password: string;
  confirm: string;
}

const FIELDS = [['displayName'], ['email'], ['password']];

export function SignupPage() {
  const { t } = useTranslation();
  const { signup } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<SignupValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: SignupValues) => {
    setBusy(true);
    setError(null);
    try {
      await signup({
        email: values.email.trim(),
        password: values.password,
        displayName: values.displayName.trim(),
        locale: currentLocale(),
      });
      // GuestOnly moves on to the profile, where founders add their company.
      void message.success(t('auth.welcome'));
    } catch (e) {
      // A message under the field says it all; otherwise one above the button.
      setError(applyFieldErrors(t, form, e, FIELDS) ? null : errorMessage(t, e));
      setBusy(false);
    }
  };

  const emailForm = (
    <Form<SignupValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      requiredMark={false}
      name="signup"
    >
      <Form.Item
        name="displayName"
        label={t('auth.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('auth.rules.displayNameRequired') },
          { max: 100 },
        ]}
      >
        <Input autoComplete="name" placeholder={t('auth.displayNamePlaceholder')} size="large" />
      </Form.Item>
      <Form.Item name="email" label={t('auth.email')} rules={emailRules(t)}>
        <Input type="email" autoComplete="email" placeholder={t('auth.emailPlaceholder')} size="large" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={newPasswordRules(t)}>
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
        {t('auth.signupSubmit')}
      </Button>
    </Form>
  );

  return (
    <AuthCard
      title={t('auth.signupTitle')}
      subtitle={t('auth.signupSubtitle')}
      footer={
        <>
          {t('auth.hasAccount')} <Link to="/login">{t('auth.toLogin')}</Link>
        </>
      }
    >
      <SignInMethods phone={<PhoneSignInForm askName />} email={emailForm} />
    </AuthCard>
  );
}
