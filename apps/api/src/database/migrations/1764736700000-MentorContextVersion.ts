import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `mentor_profiles.context_version`, raised by every change of a mentor's settings (availability,
 * limits, publication, intake questions…). A process keeps the settings it last read per mentor
 * (MentorContexts); the booking statement writes only while the version is still the one it decided
 * on, so a booking never rests on settings that changed since (docs/architecture.md, "Sessions and
 * event contexts in memory").
 */
export class MentorContextVersion1764736700000 implements MigrationInterface {
  name = 'MentorContextVersion1764736700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentor_profiles ADD COLUMN context_version integer NOT NULL DEFAULT 0`);
    // wutong_bump_event_version (HotPathVersions) only raises NEW.context_version: it serves here too.
    await q.query(`
      CREATE TRIGGER mentor_profiles_context_version BEFORE UPDATE ON mentor_profiles FOR EACH ROW
        EXECUTE FUNCTION wutong_bump_event_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER mentor_profiles_context_version ON mentor_profiles`);
    await q.query(`ALTER TABLE mentor_profiles DROP COLUMN context_version`);
  }
}
