import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognised devices (issue 15, point 6): after a sign-in the browser receives a long random secret;
 * only its SHA-256 is kept here. While an account is closed to unknown devices after many wrong
 * passwords, a sign-in with a recognised device's secret still goes through.
 */
export class RecognisedDevices1764652200000 implements MigrationInterface {
  name = 'RecognisedDevices1764652200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_devices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, user_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX known_devices_token_key ON known_devices (token_hash, user_id)`);
    await q.query(`CREATE INDEX known_devices_user ON known_devices (user_id, last_used_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_devices`);
  }
}
