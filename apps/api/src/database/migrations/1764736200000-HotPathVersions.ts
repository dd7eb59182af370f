import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets the API keep sessions and event contexts in memory without trusting them blindly
 * (docs/architecture.md, "Sessions and event contexts in memory").
 *
 * - `wutong_principals` NOTIFY: any change of what a signed-in request trusts about a user (a session
 *   revoked or changed, roles, locale, verification, deactivation, email or name, carriers organized
 *   or worked as door staff) sends the user's id when the transaction commits. Triggers, not calls in
 *   each service: no write path can forget to tell the other processes.
 * - `events.context_version`: bumped by every change of an event except taking or releasing seats,
 *   and by changes of its sessions, its venue's name or address and its carrier's time zone. The hot
 *   registration statement takes a seat only while the version is the one the request read.
 */
export class HotPathVersions1764736200000 implements MigrationInterface {
  name = 'HotPathVersions1764736200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION wutong_notify_principal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('wutong_principals', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text);
        IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
          PERFORM pg_notify('wutong_principals', OLD.user_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION wutong_notify_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('wutong_principals', OLD.id::text);
        RETURN NULL;
      END $$`);
    // A new session changes nothing cached (it is read on its first use); a new membership does.
    for (const [table, events] of [
      ['auth_sessions', 'UPDATE OR DELETE'],
      ['organization_members', 'INSERT OR UPDATE OR DELETE'],
      ['door_staff', 'INSERT OR UPDATE OR DELETE'],
    ])
      await q.query(`
        CREATE TRIGGER ${table}_notify_principal AFTER ${events} ON ${table}
          FOR EACH ROW EXECUTE FUNCTION wutong_notify_principal()`);
    await q.query(`
      CREATE TRIGGER users_notify_principal AFTER UPDATE ON users FOR EACH ROW
        WHEN (ROW(OLD.roles, OLD.locale, OLD.verified_at, OLD.deactivated_at, OLD.email, OLD.display_name)
              IS DISTINCT FROM ROW(NEW.roles, NEW.locale, NEW.verified_at, NEW.deactivated_at, NEW.email, NEW.display_name))
        EXECUTE FUNCTION wutong_notify_user()`);
    await q.query(`
      CREATE TRIGGER users_notify_principal_delete AFTER DELETE ON users FOR EACH ROW
        EXECUTE FUNCTION wutong_notify_user()`);

    await q.query(`ALTER TABLE events ADD COLUMN context_version integer NOT NULL DEFAULT 0`);
    // Seat moves (seats_taken alone) are the hot path and keep the version: the WHEN is a plain
    // comparison, so they pay no trigger call.
    await q.query(`
      CREATE FUNCTION wutong_bump_event_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.context_version := OLD.context_version + 1;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER events_context_version BEFORE UPDATE ON events FOR EACH ROW
        WHEN (OLD.seats_taken = NEW.seats_taken OR OLD.status IS DISTINCT FROM NEW.status
              OR OLD.capacity IS DISTINCT FROM NEW.capacity)
        EXECUTE FUNCTION wutong_bump_event_version()`);
    await q.query(`
      CREATE FUNCTION wutong_touch_event_of_session() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE events SET context_version = context_version + 1
         WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER event_sessions_context_version AFTER INSERT OR DELETE OR UPDATE OF starts_at, ends_at, title, event_id
        ON event_sessions FOR EACH ROW EXECUTE FUNCTION wutong_touch_event_of_session()`);
    await q.query(`
      CREATE FUNCTION wutong_touch_events_of_venue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE events SET context_version = context_version + 1 WHERE venue_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER venues_context_version AFTER UPDATE ON venues FOR EACH ROW
        WHEN (ROW(OLD.name, OLD.address) IS DISTINCT FROM ROW(NEW.name, NEW.address))
        EXECUTE FUNCTION wutong_touch_events_of_venue()`);
    await q.query(`
      CREATE FUNCTION wutong_touch_events_of_carrier() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE events SET context_version = context_version + 1 WHERE organization_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER organizations_context_version AFTER UPDATE ON organizations FOR EACH ROW
        WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
        EXECUTE FUNCTION wutong_touch_events_of_carrier()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organizations_context_version ON organizations`);
    await q.query(`DROP TRIGGER venues_context_version ON venues`);
    await q.query(`DROP TRIGGER event_sessions_context_version ON event_sessions`);
    await q.query(`DROP TRIGGER events_context_version ON events`);
    await q.query(`DROP FUNCTION wutong_touch_events_of_carrier()`);
    await q.query(`DROP FUNCTION wutong_touch_events_of_venue()`);
    await q.query(`DROP FUNCTION wutong_touch_event_of_session()`);
    await q.query(`DROP FUNCTION wutong_bump_event_version()`);
    await q.query(`ALTER TABLE events DROP COLUMN context_version`);
    await q.query(`DROP TRIGGER users_notify_principal_delete ON users`);
    await q.query(`DROP TRIGGER users_notify_principal ON users`);
    for (const table of ['auth_sessions', 'organization_members', 'door_staff'])
      await q.query(`DROP TRIGGER ${table}_notify_principal ON ${table}`);
    await q.query(`DROP FUNCTION wutong_notify_user()`);
    await q.query(`DROP FUNCTION wutong_notify_principal()`);
  }
}
