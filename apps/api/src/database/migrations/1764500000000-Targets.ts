import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Annual targets, and the indexes the dashboard's per-year counting reads through. */
export class Targets1764500000000 implements MigrationInterface {
  name = 'Targets1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- NULL: the base-wide target.
        organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        metric text NOT NULL CHECK (metric IN ('events_held','sessions_held','participant_visits','unique_participants',
          'companies_served','mentoring_sessions')),
        event_type text CHECK (event_type IN ('salon','roadshow','training','coaching','policy_briefing','legal_clinic',
          'hr_workshop','competition','other')),
        value integer NOT NULL CHECK (value >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (event_type IS NULL OR metric IN ('events_held','sessions_held','participant_visits'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX targets_key ON targets (year, metric, coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid),
        coalesce(event_type, ''))`);
    // Counting reads one year at a time: sessions and events by start, check-ins by session, bookings by start.
    await q.query(`CREATE INDEX event_sessions_starts_idx ON event_sessions (starts_at)`);
    await q.query(`CREATE INDEX events_starts_idx ON events (starts_at)`);
    await q.query(`CREATE INDEX check_ins_session_idx ON check_ins (session_id)`);
    await q.query(`CREATE INDEX bookings_completed_idx ON bookings (starts_at) WHERE status = 'completed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_completed_idx`);
    await q.query(`DROP INDEX check_ins_session_idx`);
    await q.query(`DROP INDEX events_starts_idx`);
    await q.query(`DROP INDEX event_sessions_starts_idx`);
    await q.query(`DROP TABLE targets`);
  }
}
