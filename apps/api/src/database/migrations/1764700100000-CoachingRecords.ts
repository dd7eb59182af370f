import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coaching record (辅导记录) a mentor writes once a session has started: a summary, topics,
 * actions with an owner and a due date (the founder ticks theirs), a follow-up suggestion. Kept on
 * the booking row: one record per session, sharded with it.
 */
export class CoachingRecords1764700100000 implements MigrationInterface {
  name = 'CoachingRecords1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings
        ADD COLUMN record_summary text CHECK (length(record_summary) BETWEEN 1 AND 4000),
        ADD COLUMN record_topics text[] NOT NULL DEFAULT '{}',
        ADD COLUMN record_actions jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN record_follow_up text CHECK (length(record_follow_up) <= 1000),
        ADD COLUMN recorded_at timestamptz,
        ADD COLUMN record_updated_at timestamptz,
        ADD CONSTRAINT bookings_record_when CHECK ((record_summary IS NULL) = (recorded_at IS NULL))`);
    // The carrier's "records missing" list: held sessions without a record, by start.
    await q.query(
      `CREATE INDEX bookings_records_missing_idx ON bookings (organization_id, starts_at)
        WHERE status = 'completed' AND recorded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_records_missing_idx`);
    await q.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_record_when,
        DROP COLUMN record_updated_at,
        DROP COLUMN recorded_at,
        DROP COLUMN record_follow_up,
        DROP COLUMN record_actions,
        DROP COLUMN record_topics,
        DROP COLUMN record_summary`);
  }
}
