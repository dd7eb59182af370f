import type { TFunction } from 'i18next';
import { errorMessage } from '../../shared/api/errors';
import { ApiError } from '../../shared/api/client';

/** The message of a refusal: in the check-in pages' own words when they have them, else the app's. */
export function doorErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const own = t(`checkIn.errors.${error.code}`, { defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, error);
}
