import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in (TOTP): the secret being set up or in use, when it was turned on, and the last
 * time step accepted (a code is good once). Sessions remember whether they were opened with a second
 * factor, which AUTH_ADMIN_MFA=required asks of admin sessions.
 */
export class AccountSecurity1764630000000 implements MigrationInterface {
  name = 'AccountSecurity1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD CONSTRAINT users_totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL)`);
    await q.query(`ALTER TABLE auth_sessions ADD COLUMN mfa boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auth_sessions DROP COLUMN mfa`);
    await q.query(`
      ALTER TABLE users DROP CONSTRAINT users_totp_enabled_has_secret,
        DROP COLUMN totp_last_step, DROP COLUMN totp_enabled_at, DROP COLUMN totp_secret`);
  }
}
