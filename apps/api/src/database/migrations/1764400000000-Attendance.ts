import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-ins: one per (session, person). A registered attendee is their registration; a walk-in is
 * identified by phone digits, or without a phone by name at the carrier (walk_in_key).
 */
export class Attendance1764400000000 implements MigrationInterface {
  name = 'Attendance1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
        registration_id uuid REFERENCES registrations(id) ON DELETE CASCADE,
        -- The registrant and their company at the time: reports count people and companies from
        -- these without joining hundreds of thousands of registrations.
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
        walk_in_name text CHECK (length(walk_in_name) BETWEEN 1 AND 100),
        walk_in_phone text,
        walk_in_key text,
        method text NOT NULL CHECK (method IN ('ticket','search','walk_in','self')),
        checked_in_at timestamptz NOT NULL DEFAULT now(),
        checked_in_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT check_ins_who_check CHECK ((registration_id IS NULL) = (walk_in_key IS NOT NULL)
          AND (walk_in_key IS NULL) = (walk_in_name IS NULL))
      )`);
    // The invariant "one check-in per person per session" lives here, not in a read-then-write.
    await q.query(
      `CREATE UNIQUE INDEX check_ins_registration_key ON check_ins (session_id, registration_id) WHERE registration_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX check_ins_walk_in_key ON check_ins (session_id, walk_in_key) WHERE walk_in_key IS NOT NULL`,
    );
    await q.query(`CREATE INDEX check_ins_event_idx ON check_ins (event_id, session_id)`);
    await q.query(`CREATE INDEX check_ins_registration_idx ON check_ins (registration_id)`);

    // Completion certificates of trainings: a serial per certificate, verifiable publicly, revocable.
    await q.query(`CREATE SEQUENCE certificate_serial_seq`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        serial text NOT NULL,
        holder_name text NOT NULL,
        hours numeric(6,1) NOT NULL CHECK (hours >= 0),
        issued_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX certificates_serial_key ON certificates (serial)`);
    await q.query(`CREATE UNIQUE INDEX certificates_registration_key ON certificates (registration_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP SEQUENCE certificate_serial_seq`);
    await q.query(`DROP TABLE check_ins`);
  }
}
