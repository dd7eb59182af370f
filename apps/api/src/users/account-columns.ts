import type { EntityManager } from 'typeorm';
import { rows } from '../common/database/rows';

// The account columns other features change (auth: the address check and two-step sign-in;
// mentors: the role an invitation grants). The users folder owns the table; these are its writes.

/** Marks the address verified; false when it already was. */
export async function markEmailVerified(m: EntityManager, userId: string): Promise<boolean> {
  const changed = await rows<{ id: string }>(
    m,
    `UPDATE users SET email_verified_at = now(), verified_at = coalesce(verified_at, now())
      WHERE id = $1 AND email_verified_at IS NULL RETURNING id`,
    [userId],
  );
  return changed.length > 0;
}

/**
 * Gives an account whose address is not confirmed (one made by phone has none) a new, unconfirmed
 * address; false when another account has it.
 */
export async function setUnconfirmedEmail(m: EntityManager, userId: string, email: string): Promise<boolean> {
  const [taken] = await rows(m, `SELECT 1 FROM users WHERE email = $1 AND id <> $2`, [email, userId]);
  if (taken) return false;
  await m.query(
    `UPDATE users SET email = $2, updated_at = now() WHERE id = $1 AND email_verified_at IS NULL`,
    [userId, email],
  );
  return true;
}

/** Keeps a new authenticator secret until the first code confirms it (not while one is enabled). */
export async function proposeTotpSecret(m: EntityManager, userId: string, secret: string): Promise<void> {
  await m.query(`UPDATE users SET totp_secret = $2 WHERE id = $1 AND totp_enabled_at IS NULL`, [
    userId,
    secret,
  ]);
}

/** Turns two-step sign-in on with the proposed secret, remembering the accepted step; false if it changed. */
export async function enableTotp(
  m: EntityManager,
  userId: string,
  secret: string,
  step: number,
): Promise<boolean> {
  const done = await rows(
    m,
    `UPDATE users SET totp_enabled_at = now(), totp_last_step = $2
      WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret = $3 RETURNING id`,
    [userId, step, secret],
  );
  return done.length > 0;
}

/** Turns two-step sign-in off; false when there is no such account. */
export async function clearTotp(m: EntityManager, userId: string): Promise<boolean> {
  const done = await rows(
    m,
    `UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1 RETURNING id`,
    [userId],
  );
  return done.length > 0;
}

/** Accepts an authenticator step once: only a step later than the last accepted one (no replay). */
export async function acceptTotpStep(m: EntityManager, userId: string, step: number): Promise<boolean> {
  const accepted = await rows(
    m,
    `UPDATE users SET totp_last_step = $2
      WHERE id = $1 AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $2)
      RETURNING id`,
    [userId, step],
  );
  return accepted.length === 1;
}

/** Adds a role (once); answers the account's roles after. */
export async function addRole(m: EntityManager, userId: string, role: string): Promise<string[]> {
  const [user] = await rows<{ roles: string[] }>(
    m,
    `UPDATE users SET roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END,
            updated_at = now()
      WHERE id = $1 RETURNING roles`,
    [userId, role],
  );
  return user.roles;
}
