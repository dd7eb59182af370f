import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordRequest } from '@wutong/shared';
import { meApi } from '../../shared/api/endpoints';
import { writeDeviceToken } from '../../shared/api/token';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { FormError } from '../../shared/FormError';
import { confirmPasswordRules, newPasswordRules } from '../accounts/rules';

type Values = ChangePasswordRequest & { confirm: string };

const FIELDS = [['currentPassword'], ['newPassword']];

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { replaceToken, setUser, user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An account made by phone chooses its first password without a current one.
  const first = user?.hasPassword === false;

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { accessToken, deviceToken } = await meApi.changePassword(
        first ? { newPassword } : { currentPassword, newPassword },
      );
      replaceToken(accessToken);
      if (first && user) setUser({ ...user, hasPassword: true });
      // Every other device was forgotten with the old password; this one gets a new secret.
      if (user?.email) writeDeviceToken(user.email, deviceToken);
      form.resetFields();
      void message.success(t('auth.changed'));
    } catch (e) {
      // A message under the field says it all; otherwise one above the button.
      setError(applyFieldErrors(t, form, e, FIELDS) ? null : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 480 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ marginTop: 0 }}>
        {first ? t('auth.setTitle') : t('auth.changeTitle')}
      </Typography.Title>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          requiredMark={false}
          name="change-password"
        >
          {!first && (
            <Form.Item
              name="currentPassword"
              label={t('auth.currentPassword')}
              rules={[{ required: true, message: t('auth.rules.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          )}
          <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={confirmPasswordRules(t, 'newPassword')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <FormError message={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {first ? t('auth.setSubmit') : t('auth.changeSubmit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
