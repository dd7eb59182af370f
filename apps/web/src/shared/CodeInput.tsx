import { Input } from 'antd';
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** What a person types or pastes as a code: digits only ("123 456" as apps show it counts), at most 6. */
export function normalizeCode(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}

export function codeRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('mfa.rules.codeRequired') },
    { pattern: /^\d{6}$/, message: t('mfa.rules.codeLength') },
  ];
}

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  autoFocus?: boolean;
  size?: 'large' | 'middle';
  'data-testid'?: string;
  id?: string;
}

/**
 * The 6-digit code of an authenticator app: a numeric keypad on phones, the code offered by the
 * system's one-time-code autofill, spaces and other characters dropped as they are typed or pasted.
 */
export function CodeInput({ value, onChange, autoFocus, size = 'large', id, ...rest }: Props) {
  return (
    <Input
      id={id}
      value={value}
      onChange={(e) => onChange?.(normalizeCode(e.target.value))}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      autoFocus={autoFocus}
      size={size}
      placeholder="000000"
      style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: '0.3em', maxWidth: 240 }}
      data-testid={rest['data-testid']}
    />
  );
}
