import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every notice by mail, text or both: the account's choice (`notification_channels`), texts rendered
 * by the outbox worker from their kind, language and parameters (`text_body` filled when sent), and
 * mail queued as a small row (template, recipient, `params`) that the worker renders when it sends it
 * (subject and bodies null until then), the reminder times of each event (`reminder_offsets_minutes`), each sent once per session and
 * offset (`session_reminders`).
 */
export class NotificationChannels1764736100000 implements MigrationInterface {
  name = 'NotificationChannels1764736100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN notification_channels text NOT NULL DEFAULT 'both'
         CHECK (notification_channels IN ('email', 'sms', 'both'))`,
    );
    await q.query(`ALTER TABLE sms_outbox ALTER COLUMN text_body DROP NOT NULL`);
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN params jsonb`);
    for (const column of ['subject', 'text_body', 'html_body'])
      await q.query(`ALTER TABLE outbox_messages ALTER COLUMN ${column} DROP NOT NULL`);
    await q.query(`ALTER TABLE sms_outbox ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN'`);
    await q.query(
      `ALTER TABLE events ADD COLUMN reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,120}'`,
    );
    await q.query(`
      CREATE TABLE session_reminders (
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        offset_minutes integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, offset_minutes, organization_id),
        FOREIGN KEY (session_id, organization_id) REFERENCES event_sessions (id, organization_id) ON DELETE CASCADE
      )`);
    // Sessions reminded before: every offset already passed when that reminder went counts as sent.
    await q.query(`
      INSERT INTO session_reminders (organization_id, session_id, offset_minutes, sent_at)
      SELECT s.organization_id, s.id, o, s.reminded_at
        FROM event_sessions s JOIN events e ON e.id = s.event_id, unnest(e.reminder_offsets_minutes) AS o
       WHERE s.reminded_at IS NOT NULL AND s.starts_at - make_interval(mins => o) <= s.reminded_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_reminders`);
    await q.query(`ALTER TABLE events DROP COLUMN reminder_offsets_minutes`);
    await q.query(`ALTER TABLE sms_outbox DROP COLUMN locale`);
    await q.query(`DELETE FROM outbox_messages WHERE subject IS NULL`);
    for (const column of ['subject', 'text_body', 'html_body'])
      await q.query(`ALTER TABLE outbox_messages ALTER COLUMN ${column} SET NOT NULL`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN params`);
    await q.query(`UPDATE sms_outbox SET text_body = '' WHERE text_body IS NULL`);
    await q.query(`ALTER TABLE sms_outbox ALTER COLUMN text_body SET NOT NULL`);
    await q.query(`ALTER TABLE users DROP COLUMN notification_channels`);
  }
}
