import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Carrier-owned tables: the owning carrier joins every primary and unique key (Citus's rule). */
const CARRIER_KEYS = ['venues', 'events', 'event_sessions', 'registrations', 'check_ins', 'certificates'];

/** Unique indexes re-made with the distribution column appended: [table, name, columns, where]. */
const CARRIER_UNIQUES: [string, string, string, string?][] = [
  ['registrations', 'registrations_event_user_key', 'event_id, user_id'],
  ['registrations', 'registrations_ticket_key', 'ticket_code', 'ticket_code IS NOT NULL'],
  ['check_ins', 'check_ins_registration_key', 'session_id, registration_id', 'registration_id IS NOT NULL'],
  ['check_ins', 'check_ins_walk_in_key', 'session_id, walk_in_key', 'walk_in_key IS NOT NULL'],
  ['certificates', 'certificates_serial_key', 'serial'],
  ['certificates', 'certificates_registration_key', 'registration_id'],
];

/** Foreign keys between carrier-owned tables, made composite so that both rows share the carrier. */
const CARRIER_FKS: [string, string, string, string, string][] = [
  ['events', 'events_venue_id_fkey', 'venue_id', 'venues', 'ON DELETE SET NULL (venue_id)'],
  ['event_sessions', 'event_sessions_event_id_fkey', 'event_id', 'events', 'ON DELETE CASCADE'],
  ['event_speakers', 'event_speakers_event_id_fkey', 'event_id', 'events', 'ON DELETE CASCADE'],
  ['registrations', 'registrations_event_id_fkey', 'event_id', 'events', 'ON DELETE CASCADE'],
  ['check_ins', 'check_ins_event_id_fkey', 'event_id', 'events', 'ON DELETE CASCADE'],
  ['check_ins', 'check_ins_session_id_fkey', 'session_id', 'event_sessions', 'ON DELETE CASCADE'],
  ['check_ins', 'check_ins_registration_id_fkey', 'registration_id', 'registrations', 'ON DELETE CASCADE'],
  ['certificates', 'certificates_event_id_fkey', 'event_id', 'events', 'ON DELETE CASCADE'],
  [
    'certificates',
    'certificates_registration_id_fkey',
    'registration_id',
    'registrations',
    'ON DELETE CASCADE',
  ],
];

/**
 * Keys ready for distributed PostgreSQL (Citus), see docs/operations.md "Path to Citus":
 * - carrier-owned tables are distributed by organization_id: it joins their primary and unique keys
 *   (appended, so lookups by id or by the old leading columns use the same indexes as before), and
 *   their foreign keys to each other become composite (a registration and its event share the carrier);
 * - event_speakers gains its carrier;
 * - person-owned tables are distributed by their owner: bookings by mentor_id (the no-overlap rule is
 *   per mentor), sessions and tokens by user_id.
 * Test: test/api/sharding-schema.e2e-spec.ts reads these keys from information_schema.
 */
export class ShardingKeys1764640000000 implements MigrationInterface {
  name = 'ShardingKeys1764640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_speakers ADD COLUMN organization_id uuid`);
    await q.query(
      `UPDATE event_speakers s SET organization_id = e.organization_id FROM events e WHERE e.id = s.event_id`,
    );
    await q.query(`
      ALTER TABLE event_speakers ALTER COLUMN organization_id SET NOT NULL,
        ADD CONSTRAINT event_speakers_organization_id_fkey FOREIGN KEY (organization_id)
          REFERENCES organizations(id) ON DELETE CASCADE,
        DROP CONSTRAINT event_speakers_pkey,
        ADD PRIMARY KEY (event_id, user_id, organization_id)`);

    for (const [table, name] of CARRIER_FKS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
    for (const table of CARRIER_KEYS)
      await q.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (id, organization_id)`,
      );
    for (const [table, name, columns, where] of CARRIER_UNIQUES) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(
        `CREATE UNIQUE INDEX ${name} ON ${table} (${columns}, organization_id)${where ? ` WHERE ${where}` : ''}`,
      );
    }
    for (const [table, name, column, target, action] of CARRIER_FKS)
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}, organization_id)
           REFERENCES ${target} (id, organization_id) ${action}`,
      );

    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_pkey, ADD PRIMARY KEY (id, mentor_id)`);
    await q.query(`DROP INDEX bookings_idempotency_key`);
    await q.query(`CREATE UNIQUE INDEX bookings_idempotency_key ON bookings (founder_id, idempotency_key, mentor_id)
      WHERE idempotency_key IS NOT NULL`);

    await q.query(
      `ALTER TABLE auth_sessions DROP CONSTRAINT auth_sessions_pkey, ADD PRIMARY KEY (id, user_id)`,
    );
    await q.query(
      `ALTER TABLE password_reset_tokens DROP CONSTRAINT password_reset_tokens_pkey, ADD PRIMARY KEY (id, user_id)`,
    );
    await q.query(`DROP INDEX password_reset_tokens_hash_key`);
    await q.query(
      `CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash, user_id)`,
    );
    await q.query(`DROP INDEX calendar_tokens_hash_key`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_hash_key ON calendar_tokens (token_hash, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX calendar_tokens_hash_key`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_hash_key ON calendar_tokens (token_hash)`);
    await q.query(`DROP INDEX password_reset_tokens_hash_key`);
    await q.query(`CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash)`);
    await q.query(
      `ALTER TABLE password_reset_tokens DROP CONSTRAINT password_reset_tokens_pkey, ADD PRIMARY KEY (id)`,
    );
    await q.query(`ALTER TABLE auth_sessions DROP CONSTRAINT auth_sessions_pkey, ADD PRIMARY KEY (id)`);
    await q.query(`DROP INDEX bookings_idempotency_key`);
    await q.query(`CREATE UNIQUE INDEX bookings_idempotency_key ON bookings (founder_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_pkey, ADD PRIMARY KEY (id)`);

    for (const [table, name] of CARRIER_FKS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
    for (const [table, name, columns, where] of CARRIER_UNIQUES) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE UNIQUE INDEX ${name} ON ${table} (${columns})${where ? ` WHERE ${where}` : ''}`);
    }
    for (const table of CARRIER_KEYS)
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (id)`);
    const plain: Record<string, string> = {
      'ON DELETE SET NULL (venue_id)': 'ON DELETE SET NULL',
      'ON DELETE CASCADE': 'ON DELETE CASCADE',
    };
    for (const [table, name, column, target, action] of CARRIER_FKS)
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${target} (id) ${plain[action]}`,
      );
    await q.query(`
      ALTER TABLE event_speakers DROP CONSTRAINT event_speakers_pkey, ADD PRIMARY KEY (event_id, user_id),
        DROP CONSTRAINT event_speakers_organization_id_fkey, DROP COLUMN organization_id`);
  }
}
