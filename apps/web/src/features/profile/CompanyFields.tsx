import { Alert, Form, Input, Select, Tag, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPANY_STAGES, INDUSTRIES, isValidCreditCode } from '@wutong/shared';
import type { CompanyView } from '@wutong/shared';
import { useOrganizations } from '../../shared/useOrganizations';

const OTHER_FIELDS = ['creditCode', 'stage', 'industry', 'incubatorId'].map((f) => ['company', f]);

/** Who keeps the company's details, and whether the signed-in person may change them. */
function Ownership({ company, userId }: { company: CompanyView; userId: string }) {
  const { t } = useTranslation();
  const text =
    company.ownerId === userId
      ? t('profile.companyYouOwn')
      : company.ownerName
        ? t('profile.companyOwner', { name: company.ownerName })
        : t('profile.companyNoOwner');
  return (
    <Alert
      type={company.editable ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="company-ownership"
      title={
        <>
          <Tag color={company.editable ? 'green' : 'default'} data-testid="company-editable">
            {company.editable ? t('profile.companyEditable') : t('profile.companyReadOnly')}
          </Tag>
          {text}
        </>
      }
      description={company.editable ? undefined : t('profile.companyMemberHelp')}
    />
  );
}

/**
 * The founder's company, inside the profile form under `company.*`. Anyone may name a company to
 * join it; its details (stage, industry, incubator) are changed only by whoever keeps them (its
 * owner, the incubator's organizers), so for other members they are shown, not editable.
 */
export function CompanyFields({ company, userId }: { company: CompanyView | null; userId: string }) {
  const { t } = useTranslation();
  const readOnly = company !== null && !company.editable;
  const { organizations, loading } = useOrganizations();

  const nameRule: FormRule = ({ getFieldValue }) => ({
    validator: (_rule, value: string | undefined) => {
      const others = OTHER_FIELDS.some((path) => {
        const v: unknown = getFieldValue(path);
        return v !== undefined && v !== null && v !== '';
      });
      return others && !value?.trim()
        ? Promise.reject(new Error(t('profile.rules.companyNameRequired')))
        : Promise.resolve();
    },
  });

  const creditCodeRule: FormRule = {
    validator: (_rule, value: string | undefined) =>
      !value?.trim() || isValidCreditCode(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t('profile.rules.creditCodeInvalid'))),
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('profile.companyHelp')}</Typography.Paragraph>
      {company && <Ownership company={company} userId={userId} />}
      <Form.Item
        name={['company', 'name']}
        label={t('profile.companyName')}
        rules={[nameRule, { max: 200 }]}
        dependencies={OTHER_FIELDS}
      >
        <Input placeholder={t('profile.companyNamePlaceholder')} data-testid="company-name" />
      </Form.Item>
      <Form.Item
        name={['company', 'creditCode']}
        label={t('profile.creditCode')}
        extra={t('profile.creditCodeHelp')}
        rules={[creditCodeRule]}
        normalize={(value: string) => value.toUpperCase()}
      >
        <Input
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          data-testid="company-credit-code"
          style={{ fontFamily: 'monospace' }}
        />
      </Form.Item>
      <Form.Item name={['company', 'stage']} label={t('profile.stage')}>
        <Select
          allowClear
          placeholder={t('profile.select')}
          options={COMPANY_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))}
          data-testid="company-stage"
          disabled={readOnly}
        />
      </Form.Item>
      <Form.Item name={['company', 'industry']} label={t('profile.industry')}>
        <Select
          allowClear
          placeholder={t('profile.select')}
          options={INDUSTRIES.map((industry) => ({ value: industry, label: t(`industry.${industry}`) }))}
          data-testid="company-industry"
          disabled={readOnly}
        />
      </Form.Item>
      <Form.Item name={['company', 'incubatorId']} label={t('profile.incubator')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          placeholder={t('profile.incubatorPlaceholder')}
          options={organizations.map((org) => ({
            value: org.id,
            label: t('profile.orgOption', { name: org.name, kind: t(`orgKind.${org.kind}`) }),
          }))}
          data-testid="company-incubator"
          disabled={readOnly}
        />
      </Form.Item>
    </>
  );
}
