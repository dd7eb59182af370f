import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event images (docs/api.md, "Event images"): an event's cover (at most one) and its photos. The
 * bytes live in the file storage (STORAGE: a folder or an S3 bucket) under `storage_key` and
 * `thumbnail_key`; the row keeps what the views need without reading them (type, size).
 */
export class EventImages1764736000000 implements MigrationInterface {
  name = 'EventImages1764736000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_images (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cover','photo')),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg','image/png','image/webp')),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        bytes integer NOT NULL CHECK (bytes > 0),
        storage_key text NOT NULL,
        thumbnail_key text NOT NULL,
        thumbnail_width integer NOT NULL CHECK (thumbnail_width > 0),
        thumbnail_height integer NOT NULL CHECK (thumbnail_height > 0),
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events(id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX event_images_event_idx ON event_images (event_id, kind, created_at)`);
    // One cover per event: a new one replaces the old in the same transaction.
    await q.query(
      `CREATE UNIQUE INDEX event_images_one_cover_key ON event_images (event_id, organization_id) WHERE kind = 'cover'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_images`);
  }
}
