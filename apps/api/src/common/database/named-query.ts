import type { Pool, PoolClient } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/**
 * Runs a hot statement as a named (prepared) statement on the transaction's own connection, so that
 * PostgreSQL plans it once per connection instead of on every call — a booking's CTEs cost more to
 * plan than to run. `name` must stand for one text only. Errors come as TypeORM's QueryFailedError,
 * as `m.query` gives them (pgError and retryOnDeadlock read them).
 */
export async function namedQuery<T>(
  m: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client) return m.query(text, values);
  try {
    return (await client.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/**
 * A named statement that is its own transaction: autocommitted on a connection of the pool, past
 * TypeORM's query runner (no BEGIN, no COMMIT: one round trip). Errors as namedQuery's.
 */
export async function namedStatement<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
