import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events repeated on a rhythm (docs/api.md, "Events": duplicate and series): the events of one series
 * share a `series_id`. There is no series table: a series is its events, all of one carrier.
 */
export class EventSeries1764710000000 implements MigrationInterface {
  name = 'EventSeries1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN series_id uuid`);
    await q.query(`CREATE INDEX events_series_idx ON events (series_id) WHERE series_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_series_idx`);
    await q.query(`ALTER TABLE events DROP COLUMN series_id`);
  }
}
