import type { EntityManager } from 'typeorm';
import { forgetCalendarFeeds } from '../calendar/calendar.service';

/**
 * Ends every open session of an account (password change or reset, a role or carrier taken away).
 * Processes keep sessions in memory (principal-cache.ts); the trigger on auth_sessions notifies them
 * all when this commits, so every process refuses the old tokens within milliseconds.
 */
export async function revokeSessions(m: EntityManager, userId: string): Promise<void> {
  await m.query(`UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
    userId,
  ]);
}

/**
 * A password change or reset: besides the sessions, every secret handed out under the old password
 * ends — recognised devices (known-devices.service.ts) and the personal calendar feed's address (a new one
 * is asked for on the calendar page). Whoever held the old password may have copied them.
 */
export async function revokeSecrets(m: EntityManager, userId: string): Promise<void> {
  await revokeSessions(m, userId);
  await m.query(`DELETE FROM known_devices WHERE user_id = $1`, [userId]);
  await forgetCalendarFeeds(m, userId);
}
