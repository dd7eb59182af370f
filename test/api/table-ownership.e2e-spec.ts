/**
 * Each table has one owner that writes it (apps/api/src/database/table-owners.ts), in the style of the
 * authorization matrix: every INSERT, UPDATE, DELETE, TRUNCATE or COPY in the API's source is found
 * and attributed to the feature folder it is written in; a write outside the table's owner fails
 * here with the file that does it. Migrations (and their triggers) are the schema, not a feature.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { BULK_LOADERS, TABLE_OWNERS } from '../../apps/api/src/database/table-owners';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';

const SRC = join(__dirname, '../../apps/api/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Source without comments (prose may say "UPDATE events"); strings stay, URLs in them too. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

interface Write {
  table: string;
  folder: string;
  file: string;
}

function writes(): Write[] {
  const found: Write[] = [];
  const statement = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|COPY)\s+"?([a-z_]+)"?/g;
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path);
    const folder = file.split('/')[0];
    for (const match of code(readFileSync(path, 'utf8')).matchAll(statement)) {
      // `ON CONFLICT … DO UPDATE SET` and `FOR UPDATE [OF x]` are not writes of a table named SET/OF.
      if (['set', 'of', 'nowait', 'skip'].includes(match[1])) continue;
      found.push({ table: match[1], folder, file });
    }
  }
  return found;
}

describe('who writes which table', () => {
  const all = writes();

  it('finds the writes (the scan is not blind)', () => {
    const seen = (table: string, file: string) => all.some((w) => w.table === table && w.file === file);
    expect(seen('events', 'events/events.queries.ts')).toBe(true); // takeSeatStatement
    expect(seen('outbox_messages', 'notifications/notifications.service.ts')).toBe(true);
    expect(seen('audit_log', 'audit/audit.service.ts')).toBe(true);
    expect(seen('users', 'users/account-columns.ts')).toBe(true);
    expect(all.length).toBeGreaterThan(80);
  });

  it('writes no table outside its owner (0 such writes)', () => {
    const outside = all
      .filter((w) => !(w.folder in BULK_LOADERS))
      .filter((w) => TABLE_OWNERS[w.table] !== w.folder)
      .map((w) => `${w.table} (owner ${TABLE_OWNERS[w.table] ?? 'none'}) written in ${w.file}`);
    expect([...new Set(outside)]).toEqual([]);
  });

  it('uses no TypeORM entities: the migrations are the one description of the schema', () => {
    const entityApi =
      /@Entity\(|@InjectRepository|getRepository\(|\.findOneBy\(|\.findOneByOrFail\(|\.findBy\(|forFeature\(/;
    const users = sourceFiles(SRC)
      .filter((path) => entityApi.test(code(readFileSync(path, 'utf8'))))
      .map((path) => relative(SRC, path));
    expect(users).toEqual([]);
  });

  describe('against the migrated database', () => {
    let name: string;
    let client: Client;

    beforeAll(async () => {
      name = uniqueName('owners');
      client = new Client({ connectionString: await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE) });
      await client.connect();
    });

    afterAll(async () => {
      await client.end();
      await dropDatabase(name);
    });

    it('gives every table an owner, and owns only tables that exist', async () => {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
      );
      const tables = rows.map((r) => r.table_name);
      expect(tables.filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
      expect(Object.keys(TABLE_OWNERS).filter((t) => !tables.includes(t))).toEqual([]);
    });

    it('writes only tables that exist', () => {
      expect([...new Set(all.map((w) => w.table))].filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
    });
  });
});
