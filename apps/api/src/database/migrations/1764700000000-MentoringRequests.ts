import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring as a service record (docs/api.md, "Office hours and bookings"): a mentor confirms each
 * request first or takes bookings at once; a request holds its slot until accepted, declined or
 * lapsed; mentors ask intake questions that founders answer when booking.
 */
export class MentoringRequests1764700000000 implements MigrationInterface {
  name = 'MentoringRequests1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mentor_profiles
        ADD COLUMN confirmation text NOT NULL DEFAULT 'instant' CHECK (confirmation IN ('instant','manual')),
        ADD COLUMN request_ttl_hours integer NOT NULL DEFAULT 48 CHECK (request_ttl_hours BETWEEN 1 AND 336),
        ADD COLUMN intake_questions jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_status_check,
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('requested','confirmed','declined','expired','cancelled','completed','no_show')),
        ADD COLUMN request_expires_at timestamptz,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decline_reason text CHECK (length(decline_reason) <= 500),
        ADD COLUMN intake_answers jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN rescheduled_at timestamptz,
        ADD CONSTRAINT bookings_request_expiry CHECK ((status = 'requested') <= (request_expires_at IS NOT NULL))`);
    // A request holds its slot: the exclusion constraint now counts it among the active bookings.
    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap`);
    await q.query(`
      ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (status IN ('requested','confirmed','completed','no_show'))`);
    // The expiry pass reads the open requests that have lapsed.
    await q.query(
      `CREATE INDEX bookings_requests_idx ON bookings (request_expires_at) WHERE status = 'requested'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_requests_idx`);
    await q.query(
      `UPDATE bookings SET status = 'cancelled' WHERE status IN ('requested','declined','expired')`,
    );
    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap`);
    await q.query(`
      ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (status IN ('confirmed','completed','no_show'))`);
    await q.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_request_expiry,
        DROP COLUMN rescheduled_at,
        DROP COLUMN intake_answers,
        DROP COLUMN decline_reason,
        DROP COLUMN decided_at,
        DROP COLUMN request_expires_at,
        DROP CONSTRAINT bookings_status_check,
        ADD CONSTRAINT bookings_status_check CHECK (status IN ('confirmed','cancelled','completed','no_show'))`);
    await q.query(`
      ALTER TABLE mentor_profiles
        DROP COLUMN intake_questions,
        DROP COLUMN request_ttl_hours,
        DROP COLUMN confirmation`);
  }
}
