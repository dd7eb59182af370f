import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { typeormOptions } from './typeorm-options';

// Several processes may start at once (scale-out); one advisory lock lets one of them migrate at a time.
const MIGRATION_LOCK = 727_001;

/** Applies pending migrations on one connection under an advisory lock; returns their names. */
export async function runMigrations(config: Pick<AppConfig, 'databaseUrl'>): Promise<string[]> {
  const dataSource = new DataSource({
    ...typeormOptions({ databaseUrl: config.databaseUrl, databasePoolSize: 1 }),
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
