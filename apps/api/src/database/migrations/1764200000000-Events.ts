import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Venues, events with their sessions, speakers and registration questions, and registrations.
 * The seat counter on events is the one place capacity is enforced (CHECK seats_taken <= capacity).
 */
export class Events1764200000000 implements MigrationInterface {
  name = 'Events1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE venues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address text,
        capacity integer CHECK (capacity > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX venues_name_key ON venues (organization_id, lower(name))`);

    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        type text NOT NULL CHECK (type IN ('salon','roadshow','training','coaching','policy_briefing',
          'legal_clinic','hr_workshop','competition','other')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        venue_id uuid REFERENCES venues(id) ON DELETE SET NULL,
        online_url text,
        capacity integer NOT NULL CHECK (capacity >= 0),
        seats_taken integer NOT NULL DEFAULT 0,
        approval_required boolean NOT NULL DEFAULT false,
        waitlist_enabled boolean NOT NULL DEFAULT false,
        registration_opens_at timestamptz,
        registration_closes_at timestamptz,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','cancelled','completed')),
        -- First session's start and last session's end, kept by the service, for listing and windows.
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]'::jsonb,
        -- iCalendar SEQUENCE: raised when time or place changes.
        sequence integer NOT NULL DEFAULT 0,
        -- Share of sessions an attendee must attend to complete a training.
        completion_share numeric(3,2) NOT NULL DEFAULT 0.75 CHECK (completion_share > 0 AND completion_share <= 1),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        cancelled_at timestamptz,
        CONSTRAINT events_seats_check CHECK (seats_taken >= 0 AND seats_taken <= capacity),
        CONSTRAINT events_time_check CHECK (ends_at > starts_at),
        CONSTRAINT events_window_check CHECK (registration_closes_at IS NULL OR registration_opens_at IS NULL
          OR registration_closes_at > registration_opens_at)
      )`);
    await q.query(
      `CREATE INDEX events_published_idx ON events (ends_at, starts_at) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX events_organization_idx ON events (organization_id, starts_at)`);
    await q.query(`CREATE INDEX events_title_trgm_idx ON events USING gin (title gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE event_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        title text,
        reminded_at timestamptz,
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX event_sessions_event_idx ON event_sessions (event_id, starts_at)`);
    await q.query(
      `CREATE INDEX event_sessions_reminder_idx ON event_sessions (starts_at) WHERE reminded_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE event_speakers (
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, user_id)
      )`);

    await q.query(`CREATE SEQUENCE registrations_waitlist_seq`);
    await q.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending_approval','confirmed','waitlisted','cancelled','rejected')),
        ticket_code text,
        answers jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- Arrival order on the waitlist; positions are ranks over the waitlisted rows.
        waitlist_seq bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        -- A confirmed registration has a ticket; a cancelled one keeps it, so a scan can say "not confirmed".
        CONSTRAINT registrations_ticket_check CHECK (status <> 'confirmed' OR ticket_code IS NOT NULL),
        CONSTRAINT registrations_waitlist_check CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX registrations_event_user_key ON registrations (event_id, user_id)`);
    await q.query(
      `CREATE UNIQUE INDEX registrations_ticket_key ON registrations (ticket_code) WHERE ticket_code IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registrations_waitlist_idx ON registrations (event_id, waitlist_seq) WHERE status = 'waitlisted'`,
    );
    await q.query(`CREATE INDEX registrations_user_idx ON registrations (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registrations`);
    await q.query(`DROP SEQUENCE registrations_waitlist_seq`);
    await q.query(`DROP TABLE event_speakers`);
    await q.query(`DROP TABLE event_sessions`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE venues`);
    // pg_trgm stays: other objects of the database may use it.
  }
}
