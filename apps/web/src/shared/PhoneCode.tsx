import { Button, Flex, Form, Input } from 'antd';
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { CodeInput, codeRules } from './CodeInput';

/** A mainland mobile as people type it: 11 digits from 13–19, spaces, dashes and +86 allowed. */
export const MAINLAND_MOBILE = /^(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}$/;

export function mobileRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('phone.rules.required') },
    { pattern: MAINLAND_MOBILE, message: t('phone.rules.invalid') },
  ];
}

/** The number as the API takes it: digits, with +86 kept when typed. */
export function cleanMobile(value: string): string {
  return value.replace(/[\s-]/g, '');
}

interface MobileInputProps {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  autoFocus?: boolean;
  'data-testid'?: string;
}

/** A mainland mobile: the numeric keypad on phones, "+86" shown before it. */
export function MobileInput({ value, onChange, id, autoFocus, ...rest }: MobileInputProps) {
  const { t } = useTranslation();
  return (
    <Input
      id={id}
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      addonBefore="+86"
      type="tel"
      inputMode="tel"
      autoComplete="tel-national"
      placeholder={t('phone.placeholder')}
      size="large"
      maxLength={16}
      autoFocus={autoFocus}
      data-testid={rest['data-testid']}
    />
  );
}

/**
 * "Get code": sends it, then counts down the minute before another can be asked for (or the wait
 * the server named after too many requests). `send` resolves once the server accepted the number.
 */
export function SendCodeButton({
  send,
  onError,
  'data-testid': testId,
}: {
  send: () => Promise<boolean>;
  onError: (error: unknown) => void;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  const click = async () => {
    setBusy(true);
    try {
      if (await send()) setLeft(60);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATE_LIMITED' && e.retryAfter) setLeft(e.retryAfter);
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button size="large" disabled={left > 0} loading={busy} onClick={() => void click()} data-testid={testId}>
      {left > 0 ? t('phone.resendIn', { count: left }) : t('phone.sendCode')}
    </Button>
  );
}

/**
 * The two fields of a form that confirms a mobile by a texted code: the number (`phone`) and the
 * code (`code`) with its "get code" button. `testId` prefixes the fields' test ids.
 */
export function PhoneCodeFields({
  send,
  onError,
  testId,
}: {
  send: () => Promise<boolean>;
  onError: (error: unknown) => void;
  testId: { number: string; code: string; send: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="phone" label={t('phone.number')} rules={mobileRules(t)}>
        <MobileInput data-testid={testId.number} />
      </Form.Item>
      <Form.Item label={t('phone.code')} required>
        <Flex gap={8}>
          <Form.Item name="code" noStyle rules={codeRules(t)}>
            <CodeInput data-testid={testId.code} />
          </Form.Item>
          <SendCodeButton send={send} onError={onError} data-testid={testId.send} />
        </Flex>
      </Form.Item>
    </>
  );
}
