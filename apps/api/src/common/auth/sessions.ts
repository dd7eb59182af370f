import type { EntityManager } from 'typeorm';

/**
 * Ends every open session of an account (password change or reset, a role or carrier taken away):
 * each request re-reads its session, so every process refuses the old tokens at once.
 */
export async function revokeSessions(m: EntityManager, userId: string): Promise<void> {
  await m.query(`UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
    userId,
  ]);
}
