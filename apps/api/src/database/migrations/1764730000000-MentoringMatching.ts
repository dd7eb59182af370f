import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching by need (docs/api.md, "Matching by need"; the score: docs/matching.md): a founder's
 * mentoring need belongs to a carrier; it carries the suggestions it was given, sits in the
 * carrier's queue when the founder asks for a mentor to be assigned, and is matched by the first
 * booking with a suggested or the assigned mentor (time to first session is counted from it).
 */
export class MentoringMatching1764730000000 implements MigrationInterface {
  name = 'MentoringMatching1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentoring_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        founder_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        category text CHECK (category IN ('professor','entrepreneur','banker','investor','lawyer','accountant','other')),
        industry text CHECK (length(industry) <= 40),
        stage text CHECK (length(stage) <= 40),
        need text NOT NULL CHECK (length(need) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'suggested'
          CHECK (status IN ('suggested','open','assigned','matched','withdrawn')),
        -- What the founder was shown: [{mentorId, score, reasons, nextSlot}], best first.
        suggestions jsonb NOT NULL DEFAULT '[]'::jsonb,
        queued_at timestamptz,
        assigned_mentor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        assigned_by uuid REFERENCES users(id) ON DELETE SET NULL,
        assigned_at timestamptz,
        -- The booking that matched it (no foreign key: bookings are distributed by mentor).
        booking_id uuid,
        booked_at timestamptz,
        first_session_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK ((status = 'matched') = (booking_id IS NOT NULL)),
        CHECK ((status = 'assigned') <= (assigned_mentor_id IS NOT NULL))
      )`);
    // The carrier's queue and its figures; a founder's own list; a booking looking for its need.
    await q.query(
      `CREATE INDEX mentoring_requests_queue_idx ON mentoring_requests (organization_id, status, created_at)`,
    );
    await q.query(
      `CREATE INDEX mentoring_requests_founder_idx ON mentoring_requests (founder_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mentoring_requests`);
  }
}
