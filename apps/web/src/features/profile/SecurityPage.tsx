import { Alert, App, Button, Card, Flex, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaSetupView, MfaStatusView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { useAuth } from '../../shared/session/auth-context';
import { CodeInput, codeRules } from '../../shared/CodeInput';
import { FormError } from '../../shared/FormError';
import { MFA_CHANGED_EVENT, groupSecret, mfaApi } from './mfaApi';

/** Tells the banner of the signed-in layout to read the status again. */
function announceChange() {
  window.dispatchEvent(new Event(MFA_CHANGED_EVENT));
}

/** The error code the API answered with, for errors that belong under one field. */
function codeOf(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

function StepTitle({ n, children }: { n: number; children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ margin: 0 }}>
      <Tag color="green" style={{ borderRadius: 10, marginInlineEnd: 8 }}>
        {n}
      </Tag>
      {children}
    </Typography.Title>
  );
}

/** What an authenticator app is and which ones work (WeChat and WeCom themselves do not). */
function AppAdvice() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <Typography.Text>{t('mfa.appWhat')}</Typography.Text>
      <Typography.Text>{t('mfa.appList')}</Typography.Text>
      <Typography.Text type="secondary">{t('mfa.appNotWechat')}</Typography.Text>
    </Flex>
  );
}

/** Set-up: the app, the QR code (or the secret typed by hand), then a code that proves it works. */
function SetupSteps({
  setup,
  onDone,
  onCancel,
}: {
  setup: MfaSetupView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnableValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ code, password }: EnableValues) => {
    setBusy(true);
    setError(null);
    try {
      await mfaApi.enable(password, code);
      void message.success(t('mfa.enabled'));
      announceChange();
      onDone();
    } catch (e) {
      if (codeOf(e) === 'WRONG_MFA_CODE')
        form.setFields([{ name: 'code', errors: [t('mfa.enableCodeWrong')] }]);
      else if (codeOf(e) === 'WRONG_PASSWORD')
        form.setFields([{ name: 'password', errors: [t('mfa.wrongPassword')] }]);
      else if (!applyFieldErrors(t, form, e, [['code'], ['password']])) setError(errorMessage(t, e));
      if (codeOf(e) === 'MFA_ALREADY_ENABLED') onDone();
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={20} data-testid="mfa-setup">
      <Flex vertical gap={8}>
        <StepTitle n={1}>{t('mfa.step1')}</StepTitle>
        <AppAdvice />
      </Flex>
      <Flex vertical gap={8}>
        <StepTitle n={2}>{t('mfa.step2')}</StepTitle>
        <img
          src={setup.qrCodeDataUrl}
          width={200}
          height={200}
          alt={t('mfa.qrAlt')}
          data-testid="mfa-qr"
          style={{ border: '1px solid #e6ebe8', borderRadius: 8, background: '#fff' }}
        />
        <Typography.Text type="secondary">{t('mfa.secretHelp')}</Typography.Text>
        {/* A block that wraps on phones; the copy button copies the key without the spaces. */}
        <Typography.Paragraph
          copyable={{ text: setup.secret }}
          data-testid="mfa-secret"
          style={{
            margin: 0,
            padding: '6px 10px',
            background: '#f5f7f6',
            border: '1px solid #e6ebe8',
            borderRadius: 6,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 15,
            overflowWrap: 'anywhere',
          }}
        >
          {groupSecret(setup.secret)}
        </Typography.Paragraph>
      </Flex>
      <Flex vertical gap={8}>
        <StepTitle n={3}>{t('mfa.step3')}</StepTitle>
        <Form<EnableValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          name="mfa-enable"
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="code" label={t('mfa.code')} rules={codeRules(t)} extra={t('mfa.codeHelp')}>
            <CodeInput data-testid="mfa-enable-code" size="middle" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('mfa.currentPassword')}
            extra={t('mfa.enablePasswordHelp')}
            rules={[{ required: true, message: t('auth.rules.passwordRequired') }]}
            style={{ maxWidth: 360 }}
          >
            <Input.Password autoComplete="current-password" data-testid="mfa-enable-password" />
          </Form.Item>
          <FormError message={error} />
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="mfa-enable">
              {t('mfa.enableSubmit')}
            </Button>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Flex>
    </Flex>
  );
}

interface EnableValues {
  code: string;
  password: string;
}

interface DisableValues {
  password: string;
  code: string;
}

/** Turning it off needs the password and a current code: a stolen session alone cannot. */
function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisableValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ password, code }: DisableValues) => {
    setBusy(true);
    setError(null);
    try {
      await mfaApi.disable(password, code);
      void message.success(t('mfa.disabled'));
      announceChange();
      onDone();
    } catch (e) {
      const code = codeOf(e);
      if (code === 'WRONG_PASSWORD') form.setFields([{ name: 'password', errors: [t('mfa.wrongPassword')] }]);
      else if (code === 'WRONG_MFA_CODE')
        form.setFields([{ name: 'code', errors: [t('errors.WRONG_MFA_CODE')] }]);
      else if (!applyFieldErrors(t, form, e, [['password'], ['code']])) setError(errorMessage(t, e));
      if (code === 'MFA_NOT_ENABLED') onDone();
      setBusy(false);
    }
  };

  return (
    <Form<DisableValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      name="mfa-disable"
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 360 }}
    >
      <Typography.Paragraph>{t('mfa.disableIntro')}</Typography.Paragraph>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('auth.rules.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus data-testid="mfa-disable-password" />
      </Form.Item>
      <Form.Item name="code" label={t('mfa.code')} rules={codeRules(t)}>
        <CodeInput size="middle" data-testid="mfa-disable-code" />
      </Form.Item>
      <FormError message={error} />
      <Flex gap={8} wrap>
        <Button danger type="primary" htmlType="submit" loading={busy} data-testid="mfa-disable-submit">
          {t('mfa.disableSubmit')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}

function StatusTag({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={enabled ? 'green' : 'default'} data-testid="mfa-status" data-enabled={enabled}>
      {enabled ? t('mfa.statusOn') : t('mfa.statusOff')}
    </Tag>
  );
}

/** Why an admin is asked for it, and what to do when this session was opened without a code. */
function RequiredNotice({ status }: { status: MfaStatusView }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  if (!status.requiredForAccount || status.sessionVerified) return null;
  if (!status.enabled) return <Alert type="warning" showIcon title={t('mfa.requiredSetup')} />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('mfa.requiredSignInAgain')}
      action={
        <Button size="small" onClick={() => void logout()}>
          {t('user.logout')}
        </Button>
      }
    />
  );
}

/** Profile › Two-step sign-in: status, set-up with an authenticator app, turning it off. */
export function SecurityPage() {
  const { t } = useTranslation();
  const status = useLoad('mfa', mfaApi.status);
  const [setup, setSetup] = useState<MfaSetupView | null>(null);
  const [disabling, setDisabling] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setSetup(await mfaApi.startSetup());
    } catch (e) {
      setError(errorMessage(t, e));
      if (codeOf(e) === 'MFA_ALREADY_ENABLED') status.reload();
    } finally {
      setStarting(false);
    }
  };

  const finished = () => {
    setSetup(null);
    setDisabling(false);
    status.reload();
  };

  const data = status.data;
  let body: ReactNode;
  if (!data) {
    body = status.error ? (
      <Alert type="error" showIcon title={errorMessage(t, status.error)} />
    ) : (
      <Skeleton active paragraph={{ rows: 3 }} />
    );
  } else if (data.enabled) {
    body = disabling ? (
      <DisableForm onDone={finished} onCancel={() => setDisabling(false)} />
    ) : (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text>{t('mfa.onText')}</Typography.Text>
        <Typography.Text type="secondary">{t('mfa.newPhone')}</Typography.Text>
        {data.requiredForAccount ? (
          <Typography.Text type="secondary">{t('mfa.adminKeepsOn')}</Typography.Text>
        ) : (
          <Button danger onClick={() => setDisabling(true)} data-testid="mfa-disable-start">
            {t('mfa.disableStart')}
          </Button>
        )}
      </Flex>
    );
  } else if (setup) {
    body = <SetupSteps setup={setup} onDone={finished} onCancel={() => setSetup(null)} />;
  } else {
    body = (
      <Flex vertical gap={12} align="flex-start">
        <AppAdvice />
        <FormError message={error} />
        <Button type="primary" onClick={() => void start()} loading={starting} data-testid="mfa-start">
          {t('mfa.start')}
        </Button>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('mfa.title')}
      </Typography.Title>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <SafetyCertificateOutlined style={{ color: '#1f7a4d' }} />
            {t('mfa.cardTitle')}
            {data && <StatusTag enabled={data.enabled} />}
          </Flex>
        }
      >
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('mfa.intro')}</Typography.Paragraph>
          {data && <RequiredNotice status={data} />}
          {body}
        </Flex>
      </Card>
    </Flex>
  );
}
