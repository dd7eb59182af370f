import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's owner (issue 15, point 2): the member who keeps its details — its first verified
 * member, or one an organizer of its incubator names. Joining a company never edits it.
 * Existing companies: the verified member with the oldest account, if any.
 */
export class CompanyOwners1764652300000 implements MigrationInterface {
  name = 'CompanyOwners1764652300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE companies ADD COLUMN owner_id uuid REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`
      UPDATE companies c SET owner_id = (
        SELECT u.id FROM users u WHERE u.company_id = c.id AND u.verified_at IS NOT NULL
         ORDER BY u.created_at, u.id LIMIT 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE companies DROP COLUMN owner_id`);
  }
}
