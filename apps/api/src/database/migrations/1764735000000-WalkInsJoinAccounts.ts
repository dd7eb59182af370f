import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_KEY, UP as ROLLUP, ZERO } from './1764610000000-DashboardRollup';

/*
 * A walk-in who gave a number that an account has verified is that account's holder (docs/product.md,
 * unique participants): the rollup's person key of a walk-in by phone becomes the account's key
 * while an account holds the number. Walk-in keys keep the national digits of a mainland number
 * (`phone:13800138000`); verified numbers are E.164 (`+8613800138000`), looked up by their unique index.
 *
 * The three rollup functions that compute person keys are re-created with the new key, and a number
 * verified, changed or given up later moves the walk-ins' keys in the same transaction (take back
 * what they counted as, add what they count as now), so the dashboard never waits for a rebuild.
 */
export const JOINED_PERSON_KEY = `CASE WHEN c.registration_id IS NOT NULL THEN 'user:' || c.user_id
                         WHEN c.walk_in_key LIKE 'phone:%' THEN coalesce(
                           (SELECT 'user:' || u.id FROM users u WHERE u.verified_phone = '+86' || substr(c.walk_in_key, 7)),
                           c.walk_in_key)
                         ELSE c.walk_in_key || '@' || c.organization_id END`;

const KEYED = /^\s*CREATE FUNCTION dashboard_(check_ins|refresh|rebuild)\(/;
const keyedFunctions = (key: string) =>
  ROLLUP.filter((sql) => KEYED.test(sql)).map((sql) =>
    sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION').split(PERSON_KEY).join(key),
  );

/** The walk-in key of a verified number: `phone:` and its national digits (mainland numbers only). */
const WALK_IN_KEY = (phone: string) =>
  `CASE WHEN ${phone} LIKE '+86%' THEN 'phone:' || substr(${phone}, 4) END`;

export class WalkInsJoinAccounts1764735000000 implements MigrationInterface {
  name = 'WalkInsJoinAccounts1764735000000';

  async up(q: QueryRunner): Promise<void> {
    const functions = keyedFunctions(JOINED_PERSON_KEY);
    if (functions.length !== 3)
      throw new Error(`expected 3 keyed rollup functions, found ${functions.length}`);
    for (const sql of functions) await q.query(sql);

    await q.query(`CREATE FUNCTION dashboard_verified_phone_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE old_key text := ${WALK_IN_KEY('OLD.verified_phone')};
             new_key text := ${WALK_IN_KEY('NEW.verified_phone')};
             keys dashboard_key_delta[];
     BEGIN
       PERFORM 1 FROM dashboard_sessions
         WHERE session_id IN (SELECT session_id FROM check_ins
                               WHERE registration_id IS NULL AND walk_in_key IN (old_key, new_key))
         ORDER BY session_id FOR KEY SHARE;
       -- What the walk-ins counted as before the change (the old number was this account's), and now.
       SELECT array_agg(ROW('unique_participants', sc.scope, t.year, t.month, k.key, k.sign)::dashboard_key_delta)
         INTO keys
         FROM check_ins c
         JOIN dashboard_sessions t ON t.session_id = c.session_id
        CROSS JOIN LATERAL (VALUES
                 (CASE WHEN c.walk_in_key = old_key THEN 'user:' || OLD.id ELSE c.walk_in_key END, -1),
                 (${JOINED_PERSON_KEY}, 1)) k(key, sign)
        CROSS JOIN LATERAL (VALUES (t.organization_id), (${ZERO})) sc(scope)
        WHERE t.counted AND c.registration_id IS NULL AND c.walk_in_key IN (old_key, new_key);
       PERFORM dashboard_apply(coalesce(keys, '{}'), '{}');
       RETURN NULL;
     END $$`);
    await q.query(`CREATE TRIGGER dashboard_users_verified_phone AFTER UPDATE OF verified_phone ON users
       FOR EACH ROW WHEN (OLD.verified_phone IS DISTINCT FROM NEW.verified_phone)
       EXECUTE FUNCTION dashboard_verified_phone_trigger()`);
    // Walk-ins already recorded under numbers verified before this migration.
    await q.query(`SELECT dashboard_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER dashboard_users_verified_phone ON users`);
    await q.query(`DROP FUNCTION dashboard_verified_phone_trigger()`);
    for (const sql of keyedFunctions(PERSON_KEY)) await q.query(sql);
    await q.query(`SELECT dashboard_rebuild()`);
  }
}
