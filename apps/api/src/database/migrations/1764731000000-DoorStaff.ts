import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Door staff and co-hosts (issue 18, point 2). `door_staff`: people a carrier's organizers name to
 * work its doors (check-in, door search, walk-ins) and nothing else; a reference table like
 * organization_members. `event_co_hosts`: carriers co-hosting one event, whose organizers and door
 * staff work that event's door and read its attendance; a carrier table of the hosting carrier
 * (`organization_id`), colocated with its event, the co-host in `co_host_id`.
 */
export class DoorStaff1764731000000 implements MigrationInterface {
  name = 'DoorStaff1764731000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE door_staff (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_id)
      )`);
    await q.query(`CREATE INDEX door_staff_user_idx ON door_staff (user_id)`);
    await q.query(`
      CREATE TABLE event_co_hosts (
        event_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        co_host_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, co_host_id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events (id, organization_id) ON DELETE CASCADE,
        CHECK (co_host_id <> organization_id)
      )`);
    await q.query(`CREATE INDEX event_co_hosts_co_host_idx ON event_co_hosts (co_host_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_co_hosts`);
    await q.query(`DROP TABLE door_staff`);
  }
}
