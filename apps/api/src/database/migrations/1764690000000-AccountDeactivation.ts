import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins deactivate and reactivate accounts (docs/api.md, "Accounts"): who did it, and since when. */
export class AccountDeactivation1764690000000 implements MigrationInterface {
  name = 'AccountDeactivation1764690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    // The admin list reads newest accounts first.
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_created_at_idx`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_by`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
