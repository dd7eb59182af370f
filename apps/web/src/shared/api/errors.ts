import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './client';

/** The message a user reads for an error: our translation of its code, else the server's message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (error.code !== 'UNKNOWN' && t(key, { defaultValue: '' })) return t(key);
    return error.message || t('errors.UNKNOWN');
  }
  return t('errors.UNKNOWN');
}

/**
 * Marks the form fields the API named in `details[].field` (dotted paths). Validation failures show
 * the server's per-field messages; other codes (WEAK_PASSWORD on `password`…) show our translation.
 * Returns true when at least one field of the form was marked.
 */
export function applyFieldErrors(
  t: TFunction,
  form: FormInstance,
  error: unknown,
  known: string[][],
): boolean {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return false;
  const byKey = new Map(known.map((path) => [path.join('.'), path]));
  const translated = errorMessage(t, error);
  const fields = error.fieldErrors
    .filter((f) => byKey.has(f.field))
    .map((f) => ({
      name: byKey.get(f.field) as string[],
      errors: error.code === 'VALIDATION_FAILED' && f.messages.length > 0 ? f.messages : [translated],
    }));
  form.setFields(fields);
  return fields.length > 0;
}
