import { loadConfig } from '../../apps/api/src/config/app-config';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { createDatabase, dropLeftoverDatabases, uniqueName } from './databases';
import { resetContractCounts } from './openapi-contract';

/**
 * Migrates once into a template database; every test file then copies it (CREATE DATABASE … TEMPLATE).
 * The api, chaos and cluster projects all run this setup in Jest's one main process: the first
 * creates the template and the others share it, so there is exactly one to drop at the end.
 */
export default async function setup(): Promise<void> {
  resetContractCounts();
  if (process.env.WUTONG_TEST_TEMPLATE) return;
  await dropLeftoverDatabases();
  const name = uniqueName('template');
  const url = await createDatabase(name);
  await runMigrations(loadConfig({ DATABASE_URL: url }));
  process.env.WUTONG_TEST_TEMPLATE = name;
}
