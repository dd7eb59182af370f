const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The SQL is the truth about the schema (database/migrations): there are no TypeORM entities. A
 * feature that hands rows around as typed records selects them with `columnsOf`, so a raw row comes
 * back shaped like its record type (`display_name AS "displayName"`). pg gives timestamptz as Date,
 * jsonb as parsed values and int as number; numeric and bigint come as strings, cast where needed.
 */
export function columnsOf(fields: readonly string[], table?: string): string {
  const prefix = table ? `${table}.` : '';
  return fields.map((f) => `${prefix}${snake(f)} AS "${f}"`).join(', ');
}

/**
 * `UPDATE table SET …, updated_at = now() WHERE key = $1` for camelCase changes; fields named in
 * `json` are jsonb columns and are passed as JSON text (pg would send a JS array as a SQL array).
 * Names come from the calling code, never from a request; values are parameters.
 */
export async function updateColumns(
  m: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  table: string,
  key: [column: string, value: unknown],
  changes: object,
  json: readonly string[] = [],
): Promise<void> {
  const values = changes as Record<string, unknown>;
  const fields = Object.keys(values).filter((f) => values[f] !== undefined);
  if (fields.length === 0) return;
  const sets = fields.map((f, i) => `${snake(f)} = $${i + 2}${json.includes(f) ? '::jsonb' : ''}`);
  await m.query(`UPDATE ${table} SET ${sets.join(', ')}, updated_at = now() WHERE ${key[0]} = $1`, [
    key[1],
    ...fields.map((f) => (json.includes(f) ? JSON.stringify(values[f]) : values[f])),
  ]);
}
