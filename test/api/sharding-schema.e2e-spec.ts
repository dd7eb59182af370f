import { Client } from 'pg';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';

/**
 * The schema stays ready for distributed PostgreSQL (Citus; docs/operations.md, "Path to Citus").
 * Every table is declared below with its place in a distributed deployment; a new table that is not
 * declared fails this test, and so does a declared one that breaks its rule.
 */

/** Grow with the carriers' activity; distributed by organization_id, colocated with each other. */
const CARRIER_TABLES = [
  'venues',
  'events',
  'event_sessions',
  'event_speakers',
  'event_co_hosts',
  'registrations',
  'check_ins',
  'certificates',
  'event_surveys',
  'survey_invitations',
  'survey_responses',
  'mentoring_requests',
  'event_messages',
  'session_reminders',
  'event_images',
];
/** Grow with a person's activity; distributed by that person's id. */
const PERSON_TABLES: Record<string, string> = {
  bookings: 'mentor_id',
  auth_sessions: 'user_id',
  password_reset_tokens: 'user_id',
  calendar_tokens: 'user_id',
  one_time_codes: 'user_id',
  known_devices: 'user_id',
  mentor_profiles: 'user_id',
};
/** Small or slowly growing, read everywhere: replicated to every node as reference tables. */
const REFERENCE_TABLES = [
  'organizations',
  'organization_members',
  'door_staff',
  'users',
  'companies',
  'targets',
  'mentor_invitations',
  'period_locks',
  'survey_defaults',
];
/**
 * Kept on the coordinator: the mail and SMS queues (their workers lock rows with SKIP LOCKED), the
 * SMS sign-in codes (per phone number, with their send limits), the audit log,
 * the dashboard's summary tables (one row per carrier and month, or per person and year, maintained
 * in the same transaction as the rows they count) and TypeORM's migration list.
 */
const COORDINATOR_TABLES = [
  'outbox_messages',
  'sms_outbox',
  'phone_codes',
  'audit_log',
  'migrations',
  'dashboard_sessions',
  'dashboard_events',
  'dashboard_bookings',
  'dashboard_people',
  'dashboard_counts',
  'dashboard_count_deltas',
];

interface Key {
  table: string;
  name: string;
  columns: string[];
  primary: boolean;
}

describe('sharding-ready schema', () => {
  const name = uniqueName('schema');
  let db: Client;
  let tables: string[];
  let keys: Key[];
  let notNull: Set<string>;
  let foreignKeys: { table: string; name: string; columns: string[]; target: string }[];

  beforeAll(async () => {
    const url = await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE);
    db = new Client({ connectionString: url });
    await db.connect();
    tables = (
      await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )
    ).rows.map((r) => r.table_name);
    notNull = new Set(
      (
        await db.query<{ c: string }>(
          `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
            WHERE table_schema = 'public' AND is_nullable = 'NO'`,
        )
      ).rows.map((r) => r.c),
    );
    // Primary keys and unique indexes (unique indexes with a WHERE or an expression are not
    // constraints, so information_schema alone does not list them).
    keys = (
      await db.query<{ table: string; name: string; columns: string[]; primary: boolean }>(
        `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
                ARRAY(SELECT a.attname FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k)::text[] AS columns
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND x.indisunique`,
      )
    ).rows;
    foreignKeys = (
      await db.query<{ table: string; name: string; columns: string[]; target: string }>(
        `SELECT tc.table_name AS table, tc.constraint_name AS name, ccu.table_name AS target,
                ARRAY(SELECT k.column_name FROM information_schema.key_column_usage k
                       WHERE k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
                       ORDER BY k.ordinal_position)::text[] AS columns
           FROM information_schema.table_constraints tc
           JOIN (SELECT DISTINCT constraint_name, table_name FROM information_schema.constraint_column_usage) ccu
             ON ccu.constraint_name = tc.constraint_name
          WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'`,
      )
    ).rows;
  });
  afterAll(async () => {
    await db?.end();
    await dropDatabase(name);
  });

  const distribution = (table: string): string | null =>
    CARRIER_TABLES.includes(table) ? 'organization_id' : (PERSON_TABLES[table] ?? null);

  it('declares every table exactly once', () => {
    const declared = [
      ...CARRIER_TABLES,
      ...Object.keys(PERSON_TABLES),
      ...REFERENCE_TABLES,
      ...COORDINATOR_TABLES,
    ];
    expect(declared.length).toBe(new Set(declared).size);
    const undeclared = tables.filter((t) => !declared.includes(t));
    // A new table: put it in one of the lists above; if it grows with a carrier's activity it
    // needs organization_id in its primary and unique keys.
    expect(undeclared).toEqual([]);
    expect(declared.filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('puts the distribution column, never null, in every primary and unique key of a distributed table', () => {
    const problems: string[] = [];
    for (const table of [...CARRIER_TABLES, ...Object.keys(PERSON_TABLES)]) {
      const column = distribution(table)!;
      if (!notNull.has(`${table}.${column}`)) problems.push(`${table}.${column} may be null`);
      const own = keys.filter((k) => k.table === table);
      if (!own.some((k) => k.primary)) problems.push(`${table} has no primary key`);
      for (const k of own)
        if (!k.columns.includes(column))
          problems.push(`${table}: key ${k.name} (${k.columns}) lacks ${column}`);
    }
    console.log(
      `sharding-ready schema: ${tables.length} tables; ${CARRIER_TABLES.length} by organization_id, ` +
        `${Object.keys(PERSON_TABLES).length} by person, ${REFERENCE_TABLES.length} reference, ` +
        `${COORDINATOR_TABLES.length} on the coordinator; ${keys.length} keys checked, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
  });

  it('joins carrier tables to each other on the carrier too, and never points a reference table at a distributed one', () => {
    const problems: string[] = [];
    for (const fk of foreignKeys) {
      if (
        CARRIER_TABLES.includes(fk.table) &&
        CARRIER_TABLES.includes(fk.target) &&
        !fk.columns.includes('organization_id')
      )
        problems.push(`${fk.table}.${fk.name} → ${fk.target} without organization_id`);
      if (REFERENCE_TABLES.includes(fk.table) && distribution(fk.target))
        problems.push(`reference table ${fk.table} references distributed ${fk.target} (${fk.name})`);
    }
    expect(problems).toEqual([]);
  });

  it("refuses a registration whose carrier is not its event's", async () => {
    const org = await db.query(`INSERT INTO organizations (name) VALUES ('甲载体'), ('乙载体') RETURNING id`);
    const [a, b] = org.rows.map((r: { id: string }) => r.id);
    const user = await db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ('shard@example.cn', 'x', '分片') RETURNING id`,
    );
    const event = await db.query(
      `INSERT INTO events (organization_id, type, title, capacity, starts_at, ends_at)
       VALUES ($1, 'salon', '沙龙', 10, now() + interval '1 day', now() + interval '1 day 2 hours') RETURNING id`,
      [a],
    );
    await expect(
      db.query(
        `INSERT INTO registrations (event_id, organization_id, user_id, status) VALUES ($1, $2, $3, 'pending_approval')`,
        [event.rows[0].id, b, user.rows[0].id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
