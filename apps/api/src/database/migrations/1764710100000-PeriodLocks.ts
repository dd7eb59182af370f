import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Locked (reported) months (docs/api.md, "Reported periods"): while a month is here, check-ins,
 * walk-ins, undos and session time changes in it are refused, so its numbers stay as reported.
 * Base-wide: one row per month, its session starts read on each carrier's wall clock.
 */
export class PeriodLocks1764710100000 implements MigrationInterface {
  name = 'PeriodLocks1764710100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE period_locks (
        month text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        reason text CHECK (length(reason) <= 500),
        locked_by uuid REFERENCES users(id) ON DELETE SET NULL,
        locked_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE period_locks`);
  }
}
