import { loadConfig } from '../../apps/api/src/config/app-config';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { createDatabase, uniqueName } from './databases';
import { resetContractCounts } from './openapi-contract';

/** Migrates once into a template database; every test file then copies it (CREATE DATABASE … TEMPLATE). */
export default async function setup(): Promise<void> {
  resetContractCounts();
  const name = uniqueName('template');
  const url = await createDatabase(name);
  await runMigrations(loadConfig({ DATABASE_URL: url }));
  process.env.WUTONG_TEST_TEMPLATE = name;
}
