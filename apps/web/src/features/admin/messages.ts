import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';

/** The message of a refusal: in the admin pages' own words when they have them, else the app's. */
export function adminErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const own = t(`admin.errors.${error.code}`, { defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, error);
}
