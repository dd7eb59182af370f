import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's satisfaction reads the events that ended in its period on every request: an index
 * on the end lets it narrow to the period's days instead of scanning every event of every year.
 */
export class DashboardSatisfactionIndex1764736400000 implements MigrationInterface {
  name = 'DashboardSatisfactionIndex1764736400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_ends_idx ON events (ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_ends_idx`);
  }
}
