import { Button, Form, Input } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorResult } from './Feedback';

/** The code printed under the QR ticket, typed when the camera cannot read it. */
export function TicketCodeForm({ onSubmit }: { onSubmit: (code: string) => Promise<DoorResult | null> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);

  return (
    <Form
      form={form}
      id="ticket-code"
      layout="vertical"
      onFinish={async ({ code }) => {
        setBusy(true);
        try {
          const result = await onSubmit(code.trim());
          if (result && result.kind !== 'error') form.resetFields();
        } finally {
          setBusy(false);
          input.current?.focus();
        }
      }}
    >
      <Form.Item
        name="code"
        label={t('checkIn.code.label')}
        rules={[{ required: true, whitespace: true, message: t('checkIn.code.required') }]}
        extra={t('checkIn.code.hint')}
      >
        <Input
          ref={input}
          size="large"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={100}
          data-testid="ticket-code-input"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        data-testid="ticket-code-submit"
      >
        {t('checkIn.code.submit')}
      </Button>
    </Form>
  );
}
