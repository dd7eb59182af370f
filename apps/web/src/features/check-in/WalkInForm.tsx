import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_PATTERN } from '../../shared/phone';
import type { DoorResult } from './Feedback';

interface Values {
  name: string;
  phone?: string;
  company?: string;
}

/** Someone who did not register: a name, and a phone number and company when they give them. */
export function WalkInForm({
  onSubmit,
}: {
  onSubmit: (walkIn: {
    name: string;
    phone: string | null;
    company: string | null;
  }) => Promise<DoorResult | null>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  return (
    <Form
      form={form}
      id="walk-in"
      layout="vertical"
      onFinish={async ({ name, phone, company }) => {
        setBusy(true);
        try {
          const result = await onSubmit({
            name: name.trim(),
            phone: phone?.trim() || null,
            company: company?.trim() || null,
          });
          if (result && result.kind !== 'error') form.resetFields();
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.Item
        name="name"
        label={t('checkIn.walkIn.name')}
        rules={[
          { required: true, whitespace: true, message: t('checkIn.walkIn.nameRequired') },
          { max: 100, message: t('checkIn.walkIn.nameTooLong') },
        ]}
      >
        <Input size="large" autoComplete="off" data-testid="walk-in-name" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={`${t('checkIn.walkIn.phone')} (${t('common.optional')})`}
        rules={[{ pattern: PHONE_PATTERN, message: t('checkIn.walkIn.phoneInvalid') }]}
        extra={t('checkIn.walkIn.phoneHint')}
      >
        <Input size="large" inputMode="tel" autoComplete="off" data-testid="walk-in-phone" />
      </Form.Item>
      <Form.Item
        name="company"
        label={`${t('checkIn.walkIn.company')} (${t('common.optional')})`}
        rules={[{ max: 200, message: t('checkIn.walkIn.companyTooLong') }]}
        extra={t('checkIn.walkIn.companyHint')}
      >
        <Input size="large" autoComplete="off" data-testid="walk-in-company" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="walk-in-submit">
        {t('checkIn.walkIn.submit')}
      </Button>
    </Form>
  );
}
