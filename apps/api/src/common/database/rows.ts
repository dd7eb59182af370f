interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a raw query. TypeORM's PostgreSQL driver answers UPDATE/DELETE … RETURNING with
 * `[rows, affectedCount]` but SELECT and INSERT with the rows alone; this gives the rows either way,
 * so a conditional UPDATE's "did it match?" is `rows.length > 0`.
 */
export async function rows<T>(runner: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await runner.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
