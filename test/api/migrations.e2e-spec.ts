import { DataSource } from 'typeorm';
import { typeormOptions } from '../../apps/api/src/database/typeorm-options';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { EVENT_COLUMNS, SESSION_COLUMNS } from '../../apps/api/src/events/event.record';
import { MENTOR_PROFILE_COLUMNS } from '../../apps/api/src/mentors/mentor-profile.record';
import { ORGANIZATION_COLUMNS, VENUE_COLUMNS } from '../../apps/api/src/organizations/organization.record';
import { REGISTRATION_COLUMNS } from '../../apps/api/src/registrations/registration.record';
import { USER_COLUMNS } from '../../apps/api/src/users/user.record';
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

  it('has every column the code reads as a record (records and migrations agree)', async () => {
    const name = uniqueName('drift');
    const url = await createDatabase(name);
    const ds = new DataSource(typeormOptions({ databaseUrl: url, databasePoolSize: 2 }));
    try {
      await runMigrations({ databaseUrl: url });
      await ds.initialize();
      // Each record's select list runs against its table: a renamed or dropped column fails here.
      for (const [table, columns] of [
        ['users', USER_COLUMNS],
        ['organizations', ORGANIZATION_COLUMNS],
        ['venues', VENUE_COLUMNS],
        ['events', EVENT_COLUMNS],
        ['event_sessions', SESSION_COLUMNS],
        ['registrations', REGISTRATION_COLUMNS],
        ['mentor_profiles p', MENTOR_PROFILE_COLUMNS],
      ])
        await expect(ds.query(`SELECT ${columns} FROM ${table} LIMIT 0`)).resolves.toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase(name);
    }
  });
});
