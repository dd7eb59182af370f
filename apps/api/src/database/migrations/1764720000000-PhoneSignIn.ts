import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone sign-in (docs/api.md, "Auth"): an account may hold one verified mainland mobile
 * (`verified_phone`, E.164, unique among accounts); `phone_codes` keeps the texted 6-digit codes as
 * HMACs, per number; `sms_outbox` is the transactional outbox for texts, drained like outbox_messages.
 */
export class PhoneSignIn1764720000000 implements MigrationInterface {
  name = 'PhoneSignIn1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN verified_phone text CHECK (verified_phone ~ '^\\+[1-9][0-9]{6,14}$')`,
    );
    // An account made by phone has no email and no password until its holder adds them.
    await q.query(`ALTER TABLE users ALTER COLUMN email DROP NOT NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_email_or_phone CHECK (email IS NOT NULL OR verified_phone IS NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX users_verified_phone_key ON users (verified_phone) WHERE verified_phone IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE phone_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('login', 'verify')),
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX phone_codes_phone ON phone_codes (phone, purpose, created_at)`);
    await q.query(`
      CREATE TABLE sms_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL,
        kind text NOT NULL,
        text_body text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX sms_outbox_due_idx ON sms_outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_outbox`);
    await q.query(`DROP TABLE phone_codes`);
    await q.query(`DROP INDEX users_verified_phone_key`);
    await q.query(`DELETE FROM users WHERE email IS NULL`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_email_or_phone`);
    await q.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN email SET NOT NULL`);
    await q.query(`ALTER TABLE users DROP COLUMN verified_phone`);
  }
}
