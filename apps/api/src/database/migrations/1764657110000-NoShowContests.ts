import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, points 10 and 11:
 * - one base: a partial unique index on `kind = 'base'`. Should a database hold several already,
 *   the oldest stays the base and the others become `other` (an admin sets their right kind);
 * - no-show marks carry the mentor's note (required when marked before the session's end), and a
 *   founder's contest of the mark with an organizer's decision, one per booking by construction.
 */
export class NoShowContests1764657110000 implements MigrationInterface {
  name = 'NoShowContests1764657110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE organizations SET kind = 'other', updated_at = now()
       WHERE kind = 'base'
         AND id <> (SELECT id FROM organizations WHERE kind = 'base' ORDER BY created_at, id LIMIT 1)`);
    await q.query(`CREATE UNIQUE INDEX organizations_one_base ON organizations (kind) WHERE kind = 'base'`);

    await q.query(`
      ALTER TABLE bookings
        ADD COLUMN no_show_note text CHECK (length(no_show_note) BETWEEN 1 AND 500),
        ADD COLUMN contest_reason text CHECK (length(contest_reason) BETWEEN 1 AND 1000),
        ADD COLUMN contested_at timestamptz,
        ADD COLUMN contest_decision text CHECK (contest_decision IN ('upheld','overturned')),
        ADD COLUMN contest_decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN contest_decided_at timestamptz,
        ADD COLUMN contest_decision_note text CHECK (length(contest_decision_note) BETWEEN 1 AND 1000),
        ADD CONSTRAINT bookings_contest_reason_when CHECK ((contest_reason IS NULL) = (contested_at IS NULL)),
        ADD CONSTRAINT bookings_contest_decision_when
          CHECK ((contest_decision IS NULL) = (contest_decided_at IS NULL)
                 AND (contest_decision IS NULL OR contested_at IS NOT NULL)),
        -- An open or upheld contest is about a no-show; an overturned one left the booking unmarked.
        ADD CONSTRAINT bookings_contest_of_no_show
          CHECK (contested_at IS NULL OR status = 'no_show' OR contest_decision = 'overturned')`);
    await q.query(`
      CREATE INDEX bookings_open_contests_idx ON bookings (organization_id, contested_at)
       WHERE contested_at IS NOT NULL AND contest_decision IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_open_contests_idx`);
    await q.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_contest_of_no_show,
        DROP CONSTRAINT bookings_contest_decision_when,
        DROP CONSTRAINT bookings_contest_reason_when,
        DROP COLUMN contest_decision_note, DROP COLUMN contest_decided_at, DROP COLUMN contest_decided_by,
        DROP COLUMN contest_decision, DROP COLUMN contested_at, DROP COLUMN contest_reason,
        DROP COLUMN no_show_note`);
    // Carriers demoted from a second base keep their new kind.
    await q.query(`DROP INDEX organizations_one_base`);
  }
}
