import type { TFunction } from 'i18next';
import { errorMessage } from '../../shared/api/errors';
import { ApiError } from '../../shared/api/client';

/** The message of a refusal: in the check-in pages' own words when they have them, else the app's. */
export function doorErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'PERIOD_LOCKED') return periodLockedMessage(t, error.details.month);
    const own = t(`checkIn.errors.${error.code}`, { defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, error);
}

/** Why the door cannot record anything for a locked (reported) month, and whom to ask. */
export function periodLockedMessage(t: TFunction, month: unknown): string {
  const [year, number] = typeof month === 'string' ? month.split('-').map(Number) : [NaN, NaN];
  if (!year || !number) return t('organizerTools.periodLocked.thisMonth');
  return t('organizerTools.periodLocked.door', { year, month: number });
}
