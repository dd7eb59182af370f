import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages to a segment of an event (docs/api.md, "Messages to registrants"): `event_messages` keeps
 * what an organizer sent, to whom (the segment) and how many; each mail and text of it is an outbox
 * row carrying the message's id in `batch_id`, unique per recipient, so a retried or doubled send
 * never queues a second copy for the same person, and the list counts sent/failed/pending from there.
 */
export class EventMessages1764733000000 implements MigrationInterface {
  name = 'EventMessages1764733000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL,
        session_id uuid,
        segment text NOT NULL CHECK (segment IN ('confirmed','waitlisted','pending_approval','checked_in','no_show')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        translations jsonb NOT NULL DEFAULT '{}'::jsonb,
        channels text[] NOT NULL CHECK (cardinality(channels) >= 1 AND channels <@ ARRAY['email','sms']),
        recipients integer NOT NULL CHECK (recipients >= 0),
        sender_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events(id, organization_id) ON DELETE CASCADE,
        FOREIGN KEY (session_id, organization_id) REFERENCES event_sessions(id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX event_messages_event_idx ON event_messages (event_id, created_at)`);
    await q.query(
      `CREATE INDEX event_messages_sender_idx ON event_messages (event_id, sender_id, created_at)`,
    );
    for (const table of ['outbox_messages', 'sms_outbox']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN batch_id uuid`);
      await q.query(
        `CREATE UNIQUE INDEX ${table}_batch_recipient_key ON ${table} (batch_id, recipient) WHERE batch_id IS NOT NULL`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_messages', 'sms_outbox']) {
      await q.query(`DROP INDEX ${table}_batch_recipient_key`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN batch_id`);
    }
    await q.query(`DROP TABLE event_messages`);
  }
}
