import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified accounts (issue 15, point 5). `verified_at`: the account holds a verified identity (the
 * email today; a phone confirmed by SMS will set it too), which registering and booking need.
 * `email_verified_at`: the address was confirmed with a mailed code or a used reset link.
 * `one_time_codes`: mailed 6-digit codes (confirming the email, signing in from a new device), kept
 * as an HMAC, good for a few tries, once.
 *
 * Existing accounts: an account that already took part counts as verified — it holds a registration
 * or a booking (either side), organizes a carrier, holds a granted role, has a mentor profile, or
 * used a reset link (the mail reached it). The others (bare sign-ups) confirm their address at their
 * next registration or booking.
 */
export class AccountVerification1764652100000 implements MigrationInterface {
  name = 'AccountVerification1764652100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN verified_at timestamptz,
        ADD COLUMN email_verified_at timestamptz,
        ADD CONSTRAINT users_verified_email_implies_account
          CHECK (email_verified_at IS NULL OR verified_at IS NOT NULL)`);
    await q.query(`
      UPDATE users u SET verified_at = now(), email_verified_at = now()
       WHERE cardinality(u.roles) > 0
          OR EXISTS (SELECT 1 FROM registrations r WHERE r.user_id = u.id)
          OR EXISTS (SELECT 1 FROM bookings b WHERE b.founder_id = u.id OR b.mentor_id = u.id)
          OR EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id)
          OR EXISTS (SELECT 1 FROM mentor_profiles p WHERE p.user_id = u.id)
          OR EXISTS (SELECT 1 FROM password_reset_tokens t WHERE t.user_id = u.id AND t.used_at IS NOT NULL)`);
    await q.query(`
      CREATE TABLE one_time_codes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'sign_in')),
        code_hash text NOT NULL,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, user_id)
      )`);
    await q.query(`CREATE INDEX one_time_codes_user ON one_time_codes (user_id, purpose, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE one_time_codes`);
    await q.query(`
      ALTER TABLE users DROP CONSTRAINT users_verified_email_implies_account,
        DROP COLUMN email_verified_at, DROP COLUMN verified_at`);
  }
}
