/** A month as `YYYY-MM` (`2026-11`): the unit a reported period is locked in. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A locked (reported) month: its check-ins, walk-ins, undos and session times stay as they are. */
export interface PeriodLockView {
  month: string;
  reason: string | null;
  lockedBy: { id: string; displayName: string } | null;
  lockedAt: string;
}

export interface LockPeriodRequest {
  reason?: string;
}

/** Unlocking needs a reason (audited). */
export interface UnlockPeriodRequest {
  reason: string;
}
