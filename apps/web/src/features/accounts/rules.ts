import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@wutong/shared';

export function emailRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('auth.rules.emailRequired') },
    { type: 'email', message: t('auth.rules.emailInvalid') },
  ];
}

export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('auth.rules.passwordRequired') },
    {
      min: PASSWORD_MIN_LENGTH,
      max: PASSWORD_MAX_LENGTH,
      message: t('auth.rules.passwordLength', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
    },
  ];
}

/** The "type it again" field, compared with the field named `passwordField`. */
export function confirmPasswordRules(t: TFunction, passwordField: string): FormRule[] {
  return [
    { required: true, message: t('auth.rules.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || getFieldValue(passwordField) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t('auth.rules.confirmMismatch'))),
    }),
  ];
}
