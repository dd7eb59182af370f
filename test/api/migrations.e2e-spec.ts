import { DataSource } from 'typeorm';
import { typeormOptions } from '../../apps/api/src/database/typeorm-options';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';

describe('migrations', () => {
  it('build the schema from an empty database, go all the way down and up again', async () => {
    const name = uniqueName('migrations');
    const url = await createDatabase(name);
    const ds = new DataSource(typeormOptions({ databaseUrl: url, databasePoolSize: 2 }));
    const tables = async () =>
      (
        await ds.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
        )
      ).map((r: { table_name: string }) => r.table_name);
    try {
      const applied = await runMigrations({ databaseUrl: url });
      expect(applied.length).toBeGreaterThan(0);
      expect(await runMigrations({ databaseUrl: url })).toEqual([]);
      await ds.initialize();
      expect(await tables()).toEqual(
        expect.arrayContaining(['users', 'organizations', 'outbox_messages', 'auth_sessions']),
      );
      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables()).toContain('users');
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase(name);
    }
  });

  it('gives every entity column the table and column it maps to (entities and migrations agree)', async () => {
    const name = uniqueName('drift');
    const url = await createDatabase(name);
    const ds = new DataSource(typeormOptions({ databaseUrl: url, databasePoolSize: 2 }));
    try {
      await runMigrations({ databaseUrl: url });
      await ds.initialize();
      const pending = await ds.driver.createSchemaBuilder().log();
      // Indexes, CHECKs, foreign keys and defaults live only in migrations (TypeORM would drop them);
      // what must never differ is a table or column an entity reads or writes.
      const missing = pending.upQueries
        .map((q) => q.query)
        .filter((q) => /CREATE TABLE|ADD COLUMN|ADD "|ALTER COLUMN "[a-z_]+" TYPE|DROP COLUMN/.test(q));
      expect(missing).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase(name);
    }
  });
});
