import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentor profiles with their office-hour settings, mentor invitations, bookings (no double booking by
 * an exclusion constraint on the mentor's active bookings) and personal calendar-feed tokens.
 */
export class OfficeHours1764300000000 implements MigrationInterface {
  name = 'OfficeHours1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE mentor_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        category text NOT NULL DEFAULT 'other' CHECK (category IN ('professor','entrepreneur','banker','investor',
          'lawyer','accountant','other')),
        title text CHECK (length(title) <= 100),
        affiliation text CHECK (length(affiliation) <= 200),
        bio text CHECK (length(bio) <= 4000),
        expertise text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        photo_url text,
        published boolean NOT NULL DEFAULT false,
        holidays_off boolean NOT NULL DEFAULT true,
        location text CHECK (length(location) <= 300),
        online_url text,
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        min_notice_hours integer NOT NULL DEFAULT 12 CHECK (min_notice_hours BETWEEN 0 AND 720),
        max_per_day integer CHECK (max_per_day BETWEEN 1 AND 100),
        horizon_weeks integer NOT NULL DEFAULT 8 CHECK (horizon_weeks BETWEEN 1 AND 52),
        max_future_per_founder integer NOT NULL DEFAULT 2 CHECK (max_future_per_founder BETWEEN 1 AND 50),
        rules jsonb NOT NULL DEFAULT '[]'::jsonb,
        overrides jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mentor_profiles_published_idx ON mentor_profiles (category) WHERE published`);

    await q.query(`
      CREATE TABLE mentor_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        token_hash text NOT NULL,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX mentor_invitations_token_key ON mentor_invitations (token_hash)`);

    await q.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        founder_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        -- The owning carrier for sharding later (the mentor's first carrier), when there is one.
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed','cancelled','completed','no_show')),
        topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
        note text CHECK (length(note) <= 2000),
        time_zone text NOT NULL,
        location text,
        online_url text,
        idempotency_key text CHECK (length(idempotency_key) <= 200),
        sequence integer NOT NULL DEFAULT 0,
        cancelled_at timestamptz,
        cancelled_by uuid REFERENCES users(id) ON DELETE SET NULL,
        cancel_reason text CHECK (length(cancel_reason) <= 500),
        marked_at timestamptz,
        no_show_excused boolean NOT NULL DEFAULT false,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        feedback_comment text CHECK (length(feedback_comment) <= 2000),
        feedback_at timestamptz,
        reminded_24h_at timestamptz,
        reminded_1h_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (mentor_id <> founder_id),
        CHECK ((rating IS NULL) = (feedback_at IS NULL)),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('confirmed','completed','no_show'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX bookings_idempotency_key ON bookings (founder_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`CREATE INDEX bookings_founder_idx ON bookings (founder_id, starts_at)`);
    await q.query(`CREATE INDEX bookings_mentor_idx ON bookings (mentor_id, starts_at)`);
    await q.query(
      `CREATE INDEX bookings_reminders_idx ON bookings (starts_at) WHERE status = 'confirmed' AND reminded_1h_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE calendar_tokens (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_hash_key ON calendar_tokens (token_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_tokens', 'bookings', 'mentor_invitations', 'mentor_profiles']) {
      await q.query(`DROP TABLE ${table}`);
    }
    // btree_gist stays: other tables may use it, and it holds no data.
  }
}
