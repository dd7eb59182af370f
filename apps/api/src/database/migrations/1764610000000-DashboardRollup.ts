import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The dashboard's rollup, kept by triggers in the same transaction as every change that moves a count
 * (check-ins and their undo, walk-ins, moved sessions, cancelled events, completed bookings, a
 * founder's new company, a carrier's new time zone), so every writer — the API, the demo loader, SQL —
 * keeps it right. The counting rules are those of reporting/metrics.queries.ts (docs/product.md):
 *
 * - dashboard_sessions / dashboard_events / dashboard_bookings mirror what each session, event and
 *   completed booking was last counted as (carrier, local year and month, type, counted = not
 *   cancelled). A change compares a mirror with its source, takes back what was counted and adds
 *   what counts now. Sessions and events held are read from the mirrors of the year (a few hundred
 *   rows) with one index probe each into check_ins: no counter a door must update.
 * - dashboard_people holds, per metric (unique_participants, companies_served), scope (a carrier, or
 *   the zero uuid for base-wide) and local year, each person or company key with its contributions
 *   per month: the first month with a contribution is the month the key was first seen.
 * - Counts (participant visits, mentoring sessions, and how many keys were first seen in each month)
 *   are appended to dashboard_count_deltas — an insert takes no row lock, so doors at one session
 *   never queue behind each other's commit — and folded into dashboard_counts when the dashboard is
 *   read (dashboard_read). A year is a few thousand rows.
 *
 * Row locks are taken in one order (session/event mirrors, booking mirrors, people; each sorted) so
 * a cancellation and the doors wait for each other instead of deadlocking.
 */
export const ZERO = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The 12 per-month sums of `d` over rows with a `month`, as an int[]. */
const MONTHS = `ARRAY[${Array.from(
  { length: 12 },
  (_, i) => `coalesce(sum(d) FILTER (WHERE month = ${i + 1}), 0)::int`,
).join(', ')}]`;

const TWELVE = Array.from({ length: 12 }, (_, i) => i + 1);
/** The first month (1–12) with a positive count in `a` (minus `b`), or NULL: inline, no function call. */
const FIRST = (a: string, b?: string) =>
  `array_position(ARRAY[${TWELVE.map((i) => (b ? `${a}[${i}] - ${b}[${i}] > 0` : `${a}[${i}] > 0`)).join(', ')}], true)`;
/** `a` plus `b`, month by month. */
const ADD = (a: string, b: string) => `ARRAY[${TWELVE.map((i) => `${a}[${i}] + ${b}[${i}]`).join(', ')}]`;

/** Who a check-in is, across sessions (metrics.queries.ts PERSON_KEY), on a check_ins row `c`. */
export const PERSON_KEY = `CASE WHEN c.registration_id IS NOT NULL THEN 'user:' || c.user_id
                         WHEN c.walk_in_key LIKE 'phone:%' THEN c.walk_in_key
                         ELSE c.walk_in_key || '@' || c.organization_id END`;

/** Key deltas of check-ins `c` (with a `sign`) counted as session mirror `t`. */
const CHECK_IN_KEYS = (from: string) => `
  SELECT ROW(k.metric, sc.scope, t.year, t.month, k.key, c.sign)::dashboard_key_delta
    FROM ${from}
   CROSS JOIN LATERAL (VALUES ('unique_participants', ${PERSON_KEY}), ('companies_served', c.company_id::text)) k(metric, key)
   CROSS JOIN LATERAL (VALUES (t.organization_id), (${ZERO})) sc(scope)
   WHERE t.counted AND k.key IS NOT NULL`;

const FRESH_SESSIONS = `
  SELECT s.id AS session_id, e.id AS event_id, e.organization_id, e.type AS event_type,
         extract(year FROM s.starts_at AT TIME ZONE o.time_zone)::int AS year,
         extract(month FROM s.starts_at AT TIME ZONE o.time_zone)::int AS month,
         e.status <> 'cancelled' AS counted
    FROM event_sessions s JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = e.organization_id`;

const FRESH_EVENTS = `
  SELECT e.id AS event_id, e.organization_id, e.type AS event_type,
         extract(year FROM e.starts_at AT TIME ZONE o.time_zone)::int AS year,
         extract(month FROM e.starts_at AT TIME ZONE o.time_zone)::int AS month,
         e.status <> 'cancelled' AS counted
    FROM events e JOIN organizations o ON o.id = e.organization_id`;

const FRESH_BOOKINGS = `
  SELECT b.id AS booking_id, coalesce(b.organization_id, ${ZERO}) AS scope,
         extract(year FROM b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai'))::int AS year,
         extract(month FROM b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai'))::int AS month,
         u.company_id
    FROM bookings b LEFT JOIN organizations o ON o.id = b.organization_id LEFT JOIN users u ON u.id = b.founder_id
   WHERE b.status = 'completed'`;

/** Deltas of booking mirrors `b` with a `sign`: one mentoring session, and the mentee's company. */
const BOOKING_COUNTS = (from: string) => `
  SELECT ROW('mentoring_sessions', b.scope, b.year, b.month, '', b.sign)::dashboard_count_delta FROM ${from}`;
const BOOKING_KEYS = (from: string) => `
  SELECT ROW('companies_served', sc.scope, b.year, b.month, b.company_id::text, b.sign)::dashboard_key_delta
    FROM ${from}
   CROSS JOIN LATERAL (SELECT b.scope WHERE b.scope <> ${ZERO} UNION ALL SELECT ${ZERO}) sc(scope)
   WHERE b.company_id IS NOT NULL`;

const MOVES = `(SELECT g.*, -1 AS sign FROM unnest(gone) g UNION ALL SELECT c.*, 1 FROM unnest(came) c) b`;
const COUNT_COLUMNS = `year int NOT NULL, scope uuid NOT NULL, metric text NOT NULL, month int NOT NULL,
     event_type text NOT NULL, n int NOT NULL`;

export const UP = [
  `CREATE TABLE dashboard_sessions (
     session_id uuid PRIMARY KEY,
     event_id uuid NOT NULL,
     organization_id uuid NOT NULL,
     event_type text NOT NULL,
     year int NOT NULL,
     month int NOT NULL,
     counted boolean NOT NULL
   )`,
  `CREATE INDEX dashboard_sessions_year_idx ON dashboard_sessions (year, organization_id)`,
  `CREATE TABLE dashboard_events (
     event_id uuid PRIMARY KEY,
     organization_id uuid NOT NULL,
     event_type text NOT NULL,
     year int NOT NULL,
     month int NOT NULL,
     counted boolean NOT NULL
   )`,
  `CREATE INDEX dashboard_events_year_idx ON dashboard_events (year, organization_id)`,
  `CREATE TABLE dashboard_bookings (
     booking_id uuid PRIMARY KEY,
     scope uuid NOT NULL,
     year int NOT NULL,
     month int NOT NULL,
     company_id uuid
   )`,
  `CREATE TABLE dashboard_people (
     metric text NOT NULL,
     scope uuid NOT NULL,
     year int NOT NULL,
     key text NOT NULL,
     months int[] NOT NULL,
     PRIMARY KEY (metric, scope, year, key)
   )`,
  `CREATE TABLE dashboard_counts (${COUNT_COLUMNS}, PRIMARY KEY (year, scope, metric, month, event_type))`,
  `CREATE TABLE dashboard_count_deltas (${COUNT_COLUMNS})`,
  `CREATE TYPE dashboard_key_delta AS (metric text, scope uuid, year int, month int, key text, d int)`,
  `CREATE TYPE dashboard_count_delta AS (metric text, scope uuid, year int, month int, event_type text, d int)`,

  // Applies key deltas (first-seen months move) and appends count deltas.
  `CREATE FUNCTION dashboard_apply(keys dashboard_key_delta[], counts dashboard_count_delta[]) RETURNS void
   LANGUAGE plpgsql AS $$
   DECLARE firsts dashboard_count_delta[];
   BEGIN
     IF cardinality(keys) > 0 THEN
       WITH g AS (
         SELECT metric, scope, year, key, ${MONTHS} AS months FROM unnest(keys) GROUP BY 1, 2, 3, 4
       ), up AS (
         INSERT INTO dashboard_people AS p (metric, scope, year, key, months)
         SELECT metric, scope, year, key, months FROM g ORDER BY metric, scope, year, key
         ON CONFLICT (metric, scope, year, key) DO UPDATE SET months = ${ADD('p.months', 'excluded.months')}
         RETURNING p.metric, p.scope, p.year, p.key, p.months
       ), moved AS (
         SELECT up.metric, up.scope, up.year,
                ${FIRST('up.months', 'g.months')} AS was, ${FIRST('up.months')} AS now
           FROM up JOIN g USING (metric, scope, year, key)
       )
       SELECT array_agg(ROW(metric, scope, year, x.month, '', x.d)::dashboard_count_delta) INTO firsts
         FROM moved CROSS JOIN LATERAL (VALUES (was, -1), (now, 1)) x(month, d)
        WHERE was IS DISTINCT FROM now AND x.month IS NOT NULL;
       IF EXISTS (SELECT 1 FROM unnest(keys) WHERE d < 0) THEN
         DELETE FROM dashboard_people p USING (SELECT DISTINCT metric, scope, year, key FROM unnest(keys) WHERE d < 0) k
          WHERE p.metric = k.metric AND p.scope = k.scope AND p.year = k.year AND p.key = k.key
            AND ${FIRST('p.months')} IS NULL;
       END IF;
     END IF;
     INSERT INTO dashboard_count_deltas (year, scope, metric, month, event_type, n)
     SELECT year, scope, metric, month, coalesce(event_type, ''), sum(d)::int
       FROM (SELECT * FROM unnest(counts) UNION ALL SELECT * FROM unnest(firsts)) x
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
   END $$`,

  // Check-ins removed (olds) and added (news): a visit each, and their person and company keys.
  `CREATE FUNCTION dashboard_check_ins(olds check_ins[], news check_ins[]) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE keys dashboard_key_delta[]; counts dashboard_count_delta[];
   BEGIN
     -- KEY SHARE: doors do not block each other; a cancellation or a move (FOR UPDATE) waits for them,
     -- and they for it, so each counts the check-in under the session's attributes of its time.
     PERFORM 1 FROM dashboard_sessions
       WHERE session_id IN (SELECT session_id FROM unnest(olds) UNION SELECT session_id FROM unnest(news))
       ORDER BY session_id FOR KEY SHARE;
     SELECT array_agg(ROW('participant_visits', t.organization_id, t.year, t.month, t.event_type, c.sign)::dashboard_count_delta)
       INTO counts
       FROM (SELECT session_id, -1 AS sign FROM unnest(olds) UNION ALL SELECT session_id, 1 FROM unnest(news)) c
       JOIN dashboard_sessions t ON t.session_id = c.session_id
      WHERE t.counted;
     SELECT array_agg(x) INTO keys FROM (${CHECK_IN_KEYS(
       `(SELECT o.*, -1 AS sign FROM unnest(olds) o UNION ALL SELECT n.*, 1 FROM unnest(news) n) c
          JOIN dashboard_sessions t ON t.session_id = c.session_id`,
     )}) k(x);
     PERFORM dashboard_apply(coalesce(keys, '{}'), coalesce(counts, '{}'));
   END $$`,

  // Sessions and events whose time, type, carrier zone or cancellation may have changed: compares the
  // mirrors with the source and moves what changed (a session's check-ins with it).
  `CREATE FUNCTION dashboard_refresh(session_ids uuid[], event_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE olds dashboard_sessions[]; changed uuid[];
           keys dashboard_key_delta[]; counts dashboard_count_delta[];
   BEGIN
     PERFORM 1 FROM dashboard_sessions WHERE session_id = ANY(session_ids) ORDER BY session_id FOR UPDATE;
     PERFORM 1 FROM dashboard_events WHERE event_id = ANY(event_ids) ORDER BY event_id FOR UPDATE;

     SELECT array_agg(t) INTO olds FROM dashboard_sessions t JOIN (${FRESH_SESSIONS} WHERE s.id = ANY(session_ids)) f
         USING (session_id)
      WHERE (t.event_id, t.organization_id, t.event_type, t.year, t.month, t.counted)
            IS DISTINCT FROM (f.event_id, f.organization_id, f.event_type, f.year, f.month, f.counted);
     IF olds IS NOT NULL THEN
       changed := ARRAY(SELECT session_id FROM unnest(olds));
       UPDATE dashboard_sessions t SET event_id = f.event_id, organization_id = f.organization_id,
              event_type = f.event_type, year = f.year, month = f.month, counted = f.counted
         FROM (${FRESH_SESSIONS} WHERE s.id = ANY(changed)) f WHERE t.session_id = f.session_id;
       SELECT array_agg(ROW('participant_visits', t.organization_id, t.year, t.month, t.event_type, t.sign * c.n)::dashboard_count_delta)
         INTO counts
         FROM (SELECT o.*, -1 AS sign FROM unnest(olds) o
               UNION ALL SELECT t.*, 1 FROM dashboard_sessions t WHERE t.session_id = ANY(changed)) t
         JOIN (SELECT session_id, count(*)::int AS n FROM check_ins WHERE session_id = ANY(changed) GROUP BY 1) c
           USING (session_id)
        WHERE t.counted;
       SELECT array_agg(x) INTO keys FROM (${CHECK_IN_KEYS(
         `(SELECT o.*, -1 AS sign FROM unnest(olds) o
           UNION ALL SELECT t.*, 1 FROM dashboard_sessions t WHERE t.session_id = ANY(changed)) t
          JOIN (SELECT ci.*, t2.sign FROM check_ins ci, (VALUES (-1), (1)) t2(sign) WHERE ci.session_id = ANY(changed)) c
            ON c.session_id = t.session_id AND c.sign = t.sign`,
       )}) k(x);
       PERFORM dashboard_apply(coalesce(keys, '{}'), coalesce(counts, '{}'));
     END IF;

     UPDATE dashboard_events t SET organization_id = f.organization_id, event_type = f.event_type,
            year = f.year, month = f.month, counted = f.counted
       FROM (${FRESH_EVENTS} WHERE e.id = ANY(event_ids)) f
      WHERE t.event_id = f.event_id
        AND (t.organization_id, t.event_type, t.year, t.month, t.counted)
            IS DISTINCT FROM (f.organization_id, f.event_type, f.year, f.month, f.counted);
   END $$`,

  // Bookings that may have been completed, un-completed, moved, or whose mentee changed company.
  `CREATE FUNCTION dashboard_refresh_bookings(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE gone dashboard_bookings[]; came dashboard_bookings[];
           keys dashboard_key_delta[]; counts dashboard_count_delta[];
   BEGIN
     PERFORM 1 FROM dashboard_bookings WHERE booking_id = ANY(ids) ORDER BY booking_id FOR UPDATE;
     SELECT array_agg(ROW(m.*)::dashboard_bookings) INTO gone FROM (
       SELECT * FROM dashboard_bookings WHERE booking_id = ANY(ids)
       EXCEPT ALL SELECT * FROM (${FRESH_BOOKINGS} AND b.id = ANY(ids)) f) m;
     SELECT array_agg(ROW(m.*)::dashboard_bookings) INTO came FROM (
       SELECT * FROM (${FRESH_BOOKINGS} AND b.id = ANY(ids)) f
       EXCEPT ALL SELECT * FROM dashboard_bookings WHERE booking_id = ANY(ids)) m;
     IF gone IS NULL AND came IS NULL THEN RETURN; END IF;
     DELETE FROM dashboard_bookings WHERE booking_id IN (SELECT booking_id FROM unnest(gone));
     INSERT INTO dashboard_bookings SELECT * FROM unnest(came);
     SELECT array_agg(x) INTO counts FROM (${BOOKING_COUNTS(MOVES)}) k(x);
     SELECT array_agg(x) INTO keys FROM (${BOOKING_KEYS(MOVES)}) k(x);
     PERFORM dashboard_apply(coalesce(keys, '{}'), coalesce(counts, '{}'));
   END $$`,

  // Folds the appended deltas into dashboard_counts; one folder at a time, the others skip.
  `CREATE FUNCTION dashboard_fold() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     IF pg_try_advisory_xact_lock(727010) THEN
       WITH moved AS (DELETE FROM dashboard_count_deltas RETURNING *)
       INSERT INTO dashboard_counts AS c (year, scope, metric, month, event_type, n)
       SELECT year, scope, metric, month, event_type, sum(n)::int FROM moved
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (year, scope, metric, month, event_type) DO UPDATE SET n = c.n + excluded.n;
     END IF;
   END $$`,

  // What the dashboard reads for a year and a scope (NULL: base-wide): per metric, scope and month,
  // and per metric and event type. Folds first on the primary (a read replica cannot write; the
  // primary's periodic fold keeps the deltas short there), then reads what is left of the deltas too.
  `CREATE FUNCTION dashboard_read(y int, org uuid)
   RETURNS TABLE (metric text, scope uuid, month int, event_type text, n int) LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT pg_is_in_recovery() THEN
       PERFORM dashboard_fold();
     END IF;
     RETURN QUERY
     WITH c AS (
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_counts d
        WHERE d.year = y AND (org IS NULL OR d.scope = org)
       UNION ALL
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_count_deltas d
        WHERE d.year = y AND (org IS NULL OR d.scope = org)
       UNION ALL
       SELECT 'sessions_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_sessions t
        WHERE t.year = y AND (org IS NULL OR t.organization_id = org) AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.session_id = t.session_id)
       UNION ALL
       SELECT 'events_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_events t
        WHERE t.year = y AND (org IS NULL OR t.organization_id = org) AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = t.event_id)
     )
     SELECT c.metric, c.scope, c.month, NULL::text, sum(c.n)::int FROM c
      GROUP BY c.metric, c.scope, c.month HAVING sum(c.n) <> 0
     UNION ALL
     SELECT c.metric, NULL::uuid, NULL::int, c.event_type, sum(c.n)::int FROM c WHERE c.event_type <> ''
      GROUP BY c.metric, c.event_type HAVING sum(c.n) <> 0;
   END $$`,

  // Everything again from the source tables: the migration's backfill, and a repair tool.
  `CREATE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     LOCK TABLE dashboard_sessions, dashboard_events, dashboard_bookings, dashboard_people, dashboard_counts,
                dashboard_count_deltas IN EXCLUSIVE MODE;
     TRUNCATE dashboard_sessions, dashboard_events, dashboard_bookings, dashboard_people, dashboard_counts,
              dashboard_count_deltas;
     INSERT INTO dashboard_sessions ${FRESH_SESSIONS};
     INSERT INTO dashboard_events ${FRESH_EVENTS};
     INSERT INTO dashboard_bookings ${FRESH_BOOKINGS};
     INSERT INTO dashboard_people (metric, scope, year, key, months)
     SELECT k.metric, k.scope, k.year, k.key, ${MONTHS}
       FROM (SELECT (x).metric, (x).scope, (x).year, (x).month, (x).key, (x).d
               FROM (${CHECK_IN_KEYS(
                 `(SELECT ci.*, 1 AS sign FROM check_ins ci) c JOIN dashboard_sessions t ON t.session_id = c.session_id`,
               )}
                     UNION ALL ${BOOKING_KEYS('(SELECT *, 1 AS sign FROM dashboard_bookings) b')}) y(x)) k
      GROUP BY 1, 2, 3, 4;
     INSERT INTO dashboard_counts (year, scope, metric, month, event_type, n)
     SELECT year, scope, metric, month, event_type, sum(d)::int FROM (
       SELECT t.year, t.organization_id AS scope, 'participant_visits' AS metric, t.month, t.event_type, c.n AS d
         FROM dashboard_sessions t JOIN (SELECT session_id, count(*)::int AS n FROM check_ins GROUP BY 1) c USING (session_id)
        WHERE t.counted
       UNION ALL
       SELECT year, scope, 'mentoring_sessions', month, '', 1 FROM dashboard_bookings
       UNION ALL
       SELECT year, scope, metric, ${FIRST('months')}, '', 1 FROM dashboard_people
     ) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
   END $$`,

  // Triggers. Statement-level with transition tables, so a bulk load is one set-based pass.
  `CREATE FUNCTION dashboard_check_ins_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- A repeat scan (INSERT … ON CONFLICT DO NOTHING) changes no row: nothing to count.
     IF TG_OP = 'INSERT' THEN
       IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
       PERFORM dashboard_check_ins('{}', ARRAY(SELECT n::check_ins FROM new_rows n));
     ELSIF TG_OP = 'DELETE' THEN
       PERFORM dashboard_check_ins(ARRAY(SELECT o::check_ins FROM old_rows o), '{}');
     ELSE
       PERFORM dashboard_check_ins(ARRAY(SELECT o::check_ins FROM old_rows o), ARRAY(SELECT n::check_ins FROM new_rows n));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_check_ins_insert AFTER INSERT ON check_ins REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION dashboard_check_ins_trigger()`,
  `CREATE TRIGGER dashboard_check_ins_delete AFTER DELETE ON check_ins REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION dashboard_check_ins_trigger()`,
  `CREATE TRIGGER dashboard_check_ins_update AFTER UPDATE ON check_ins REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION dashboard_check_ins_trigger()`,

  `CREATE FUNCTION dashboard_sessions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO dashboard_sessions SELECT f.* FROM (${FRESH_SESSIONS}) f WHERE f.session_id IN (SELECT id FROM new_rows)
       ON CONFLICT (session_id) DO NOTHING;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_sessions_insert AFTER INSERT ON event_sessions REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_trigger()`,
  // Before a session or an event is deleted, its check-ins are counted out and its mirrors removed:
  // the cascade deletes the check-ins later (their trigger then finds no mirror and counts nothing),
  // in an order between the cascades of events, sessions and check-ins that is not to be relied on.
  `CREATE FUNCTION dashboard_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_TABLE_NAME = 'events' THEN
       PERFORM dashboard_check_ins(ARRAY(SELECT ci FROM check_ins ci WHERE ci.event_id = OLD.id), '{}');
       DELETE FROM dashboard_sessions WHERE event_id = OLD.id;
       DELETE FROM dashboard_events WHERE event_id = OLD.id;
     ELSE
       PERFORM dashboard_check_ins(ARRAY(SELECT ci FROM check_ins ci WHERE ci.session_id = OLD.id), '{}');
       DELETE FROM dashboard_sessions WHERE session_id = OLD.id;
     END IF;
     RETURN OLD;
   END $$`,
  `CREATE TRIGGER dashboard_sessions_delete BEFORE DELETE ON event_sessions FOR EACH ROW
     EXECUTE FUNCTION dashboard_before_delete()`,
  // Row-level with WHEN: the seat counter, reminders and the like never enter PL/pgSQL.
  `CREATE FUNCTION dashboard_session_moved() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM dashboard_refresh(ARRAY[NEW.id], '{}');
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_sessions_update AFTER UPDATE ON event_sessions FOR EACH ROW
     WHEN ((OLD.starts_at, OLD.event_id) IS DISTINCT FROM (NEW.starts_at, NEW.event_id))
     EXECUTE FUNCTION dashboard_session_moved()`,

  `CREATE FUNCTION dashboard_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO dashboard_events SELECT f.* FROM (${FRESH_EVENTS}) f WHERE f.event_id IN (SELECT id FROM new_rows)
       ON CONFLICT (event_id) DO NOTHING;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_events_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION dashboard_events_trigger()`,
  `CREATE TRIGGER dashboard_events_delete BEFORE DELETE ON events FOR EACH ROW
     EXECUTE FUNCTION dashboard_before_delete()`,
  `CREATE FUNCTION dashboard_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM dashboard_refresh(ARRAY(SELECT id FROM event_sessions WHERE event_id = NEW.id ORDER BY 1), ARRAY[NEW.id]);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_events_update AFTER UPDATE ON events FOR EACH ROW
     WHEN ((OLD.status = 'cancelled', OLD.type, OLD.starts_at, OLD.organization_id)
           IS DISTINCT FROM (NEW.status = 'cancelled', NEW.type, NEW.starts_at, NEW.organization_id))
     EXECUTE FUNCTION dashboard_event_changed()`,

  `CREATE FUNCTION dashboard_bookings_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM dashboard_refresh_bookings(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_bookings_insert AFTER INSERT ON bookings FOR EACH ROW
     WHEN (NEW.status = 'completed') EXECUTE FUNCTION dashboard_bookings_trigger()`,
  `CREATE TRIGGER dashboard_bookings_delete AFTER DELETE ON bookings FOR EACH ROW
     WHEN (OLD.status = 'completed') EXECUTE FUNCTION dashboard_bookings_trigger()`,
  `CREATE TRIGGER dashboard_bookings_update AFTER UPDATE ON bookings FOR EACH ROW
     WHEN ('completed' IN (OLD.status, NEW.status) AND (OLD.status, OLD.starts_at, OLD.organization_id, OLD.founder_id)
           IS DISTINCT FROM (NEW.status, NEW.starts_at, NEW.organization_id, NEW.founder_id))
     EXECUTE FUNCTION dashboard_bookings_trigger()`,

  // A mentee's company counts for their completed bookings as it is now (check-ins keep theirs).
  `CREATE FUNCTION dashboard_users_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM dashboard_refresh_bookings(ARRAY(SELECT id FROM bookings WHERE founder_id = NEW.id AND status = 'completed' ORDER BY 1));
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_users_company AFTER UPDATE OF company_id ON users
     FOR EACH ROW WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id) EXECUTE FUNCTION dashboard_users_trigger()`,

  // A carrier's new time zone moves its sessions, events and bookings to their local months.
  `CREATE FUNCTION dashboard_organizations_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM dashboard_refresh(
       ARRAY(SELECT s.id FROM event_sessions s JOIN events e ON e.id = s.event_id WHERE e.organization_id = NEW.id ORDER BY 1),
       ARRAY(SELECT id FROM events WHERE organization_id = NEW.id ORDER BY 1));
     PERFORM dashboard_refresh_bookings(ARRAY(SELECT id FROM bookings WHERE organization_id = NEW.id AND status = 'completed' ORDER BY 1));
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER dashboard_organizations_zone AFTER UPDATE OF time_zone ON organizations
     FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION dashboard_organizations_trigger()`,

  `SELECT dashboard_rebuild()`,
];

export class DashboardRollup1764610000000 implements MigrationInterface {
  name = 'DashboardRollup1764610000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER dashboard_organizations_zone ON organizations`);
    await q.query(`DROP TRIGGER dashboard_users_company ON users`);
    for (const op of ['insert', 'delete', 'update']) {
      await q.query(`DROP TRIGGER dashboard_bookings_${op} ON bookings`);
      await q.query(`DROP TRIGGER dashboard_events_${op} ON events`);
      await q.query(`DROP TRIGGER dashboard_sessions_${op} ON event_sessions`);
      await q.query(`DROP TRIGGER dashboard_check_ins_${op} ON check_ins`);
    }
    for (const fn of [
      'dashboard_organizations_trigger()',
      'dashboard_users_trigger()',
      'dashboard_bookings_trigger()',
      'dashboard_before_delete()',
      'dashboard_event_changed()',
      'dashboard_events_trigger()',
      'dashboard_session_moved()',
      'dashboard_sessions_trigger()',
      'dashboard_check_ins_trigger()',
      'dashboard_rebuild()',
      'dashboard_read(int, uuid)',
      'dashboard_fold()',
      'dashboard_refresh_bookings(uuid[])',
      'dashboard_refresh(uuid[], uuid[])',
      'dashboard_check_ins(check_ins[], check_ins[])',
      'dashboard_apply(dashboard_key_delta[], dashboard_count_delta[])',
    ])
      await q.query(`DROP FUNCTION ${fn}`);
    await q.query(`DROP TYPE dashboard_count_delta`);
    await q.query(`DROP TYPE dashboard_key_delta`);
    await q.query(
      `DROP TABLE dashboard_count_deltas, dashboard_counts, dashboard_people, dashboard_bookings, dashboard_events, dashboard_sessions`,
    );
  }
}
