import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One description of the database for the app, the migration CLI and the tests. Never `synchronize`. */
export function typeormOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.databasePoolSize, application_name: 'wutong' },
    // Store and read timestamps as UTC instants; grouping by a carrier's zone happens in SQL.
    useUTC: true,
  };
}
