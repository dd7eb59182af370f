import { App, Button, Card, Descriptions, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LOCALES, normalizeCreditCode } from '@wutong/shared';
import type {
  CompanyInput,
  CompanyView,
  CompanyStage,
  Industry,
  Locale,
  UpdateProfileRequest,
  UserView,
} from '@wutong/shared';
import { meApi } from '../../shared/api/endpoints';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { FormError } from '../../shared/FormError';
import { setLocale } from '../../shared/i18n/index';
import { CompanyFields } from './CompanyFields';
import { SignInEmail } from './SignInEmail';
import { SignInPhone } from './SignInPhone';
import { TwoStepSummary } from './TwoStepSummary';
import { timeZoneOptions } from '../../shared/timeZones';
import { PHONE_PATTERN } from '../../shared/phone';

interface ProfileValues {
  displayName: string;
  phone?: string;
  locale: Locale;
  timeZone: string;
  company: {
    name?: string;
    creditCode?: string;
    stage?: CompanyStage;
    industry?: Industry;
    incubatorId?: string;
  };
}

const FIELDS = [
  ['displayName'],
  ['phone'],
  ['locale'],
  ['timeZone'],
  ...['name', 'creditCode', 'stage', 'industry', 'incubatorId'].map((f) => ['company', f]),
];

function toValues(user: UserView): ProfileValues {
  const c = user.company;
  return {
    displayName: user.displayName,
    phone: user.phone ?? undefined,
    locale: user.locale,
    timeZone: user.timeZone,
    company: {
      name: c?.name,
      creditCode: c?.creditCode ?? undefined,
      stage: c?.stage ?? undefined,
      industry: c?.industry ?? undefined,
      incubatorId: c?.incubatorId ?? undefined,
    },
  };
}

/**
 * The company part of PATCH /me: the company named (joined, or created), with its details only where
 * the person keeps them (a member who does not is shown them read-only; sending them would not
 * change them anyway).
 */
function toCompany(values: ProfileValues['company'], current: CompanyView | null): CompanyInput | null {
  const name = values.name?.trim();
  if (!name) return null;
  const creditCode = values.creditCode ? normalizeCreditCode(values.creditCode) : '';
  if (current && !current.editable) return { name, creditCode: creditCode || null };
  return {
    name,
    creditCode: creditCode || null,
    stage: values.stage ?? null,
    industry: values.industry ?? null,
    incubatorId: values.incubatorId ?? null,
  };
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const savedLocale = user?.locale;

  // The header's language switch saves the locale too; keep this form in step so Save does not undo it.
  useEffect(() => {
    if (savedLocale) form.setFieldValue('locale', savedLocale);
  }, [form, savedLocale]);

  if (!user) return null;

  const submit = async (values: ProfileValues) => {
    setBusy(true);
    setError(null);
    const body: UpdateProfileRequest = {
      displayName: values.displayName.trim(),
      phone: values.phone?.trim() || null,
      locale: values.locale,
      timeZone: values.timeZone,
      company: toCompany(values.company, user.company),
    };
    try {
      const saved = await meApi.update(body);
      setUser(saved);
      form.setFieldsValue(toValues(saved));
      await setLocale(saved.locale);
      void message.success(t('profile.saved'));
    } catch (e) {
      // A message under the field says it all; otherwise one above the button.
      setError(applyFieldErrors(t, form, e, FIELDS) ? null : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={toValues(user)}
        onFinish={(v) => void submit(v)}
        requiredMark={false}
        name="profile"
        scrollToFirstError
      >
        <Flex vertical gap={16}>
          <Card title={t('profile.account')}>
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('profile.email')}>{user.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('profile.roles')}>
                {user.roles.map((role) => (
                  <Tag key={role} color={role === 'founder' ? 'green' : 'blue'}>
                    {t(`role.${role}`)}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
            <Form.Item
              name="displayName"
              label={t('profile.displayName')}
              rules={[
                { required: true, whitespace: true, message: t('profile.rules.displayNameRequired') },
                { max: 100 },
              ]}
            >
              <Input autoComplete="name" data-testid="display-name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('profile.phone')}
              rules={[{ pattern: PHONE_PATTERN, message: t('profile.rules.phoneInvalid') }]}
            >
              <Input type="tel" autoComplete="tel" placeholder={t('profile.phonePlaceholder')} />
            </Form.Item>
            <Form.Item name="locale" label={t('profile.locale')} extra={t('profile.localeHelp')}>
              <Select
                options={LOCALES.map((l) => ({ value: l, label: t(`languageName.${l}`) }))}
                data-testid="profile-locale"
              />
            </Form.Item>
            <Form.Item name="timeZone" label={t('profile.timeZone')} extra={t('profile.timeZoneHelp')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={timeZoneOptions(user.timeZone)}
                virtual
              />
            </Form.Item>
          </Card>
          <Card
            title={t('profile.company')}
            extra={
              user.company?.creditCode && (
                <Link to={`/companies/${user.company.creditCode}`} data-testid="my-company-file">
                  {t('companyFile.mine')}
                </Link>
              )
            }
          >
            <CompanyFields company={user.company} userId={user.id} />
          </Card>
          <FormError message={error} />
          <div>
            <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="save-profile">
              {t('common.save')}
            </Button>
          </div>
        </Flex>
      </Form>
      <SignInEmail />
      <SignInPhone />
      <TwoStepSummary />
    </Flex>
  );
}
