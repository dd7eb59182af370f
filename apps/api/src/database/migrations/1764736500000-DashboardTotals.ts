import type { MigrationInterface, QueryRunner } from 'typeorm';

const ZERO = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * `dashboard_totals(year, carriers)`: the rollup summed as the dashboard answers it, one JSON document
 * instead of `dashboard_read`'s rows per carrier × month (about 650 base-wide over ten years) that the
 * API summed again. Same sources as `dashboard_read` (it stays, the bench's reference), then:
 * - `months`: [metric, month, n], what counts in the scope's total — every row, except that unique
 *   metrics count only their own scope's keys (the zero uuid base-wide, the carrier for one carrier;
 *   none for several carriers, whose distinct keys the API counts from scratch);
 * - `carriers`: [metric, carrier, n] for every carrier (not the zero uuid);
 * - `types`: [metric, event type, n].
 * Zero sums are left out, as `dashboard_read` leaves them out.
 */
const TOTALS = `
  CREATE FUNCTION dashboard_totals(y int, orgs uuid[]) RETURNS json LANGUAGE plpgsql AS $$
   DECLARE
     own uuid := CASE WHEN orgs IS NULL THEN ${ZERO} WHEN cardinality(orgs) = 1 THEN orgs[1] END;
     result json;
   BEGIN
     IF NOT pg_is_in_recovery() THEN
       PERFORM dashboard_fold();
     END IF;
     WITH c AS (
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_counts d
        WHERE d.year = y AND (orgs IS NULL OR d.scope = ANY(orgs))
       UNION ALL
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_count_deltas d
        WHERE d.year = y AND (orgs IS NULL OR d.scope = ANY(orgs))
       UNION ALL
       SELECT 'sessions_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_sessions t
        WHERE t.year = y AND (orgs IS NULL OR t.organization_id = ANY(orgs)) AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.session_id = t.session_id)
       UNION ALL
       SELECT 'events_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_events t
        WHERE t.year = y AND (orgs IS NULL OR t.organization_id = ANY(orgs)) AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = t.event_id)
     )
     SELECT json_build_object(
       'months', (SELECT coalesce(json_agg(json_build_array(x.metric, x.month, x.n)), '[]') FROM (
                    SELECT c.metric, c.month, sum(c.n)::int AS n FROM c
                     WHERE c.metric NOT IN ('unique_participants', 'companies_served') OR c.scope = own
                     GROUP BY c.metric, c.month HAVING sum(c.n) <> 0) x),
       'carriers', (SELECT coalesce(json_agg(json_build_array(x.metric, x.scope, x.n)), '[]') FROM (
                      SELECT c.metric, c.scope, sum(c.n)::int AS n FROM c WHERE c.scope <> ${ZERO}
                       GROUP BY c.metric, c.scope HAVING sum(c.n) <> 0) x),
       'types', (SELECT coalesce(json_agg(json_build_array(x.metric, x.event_type, x.n)), '[]') FROM (
                   SELECT c.metric, c.event_type, sum(c.n)::int AS n FROM c WHERE c.event_type <> ''
                    GROUP BY c.metric, c.event_type HAVING sum(c.n) <> 0) x))
       INTO result;
     RETURN result;
   END $$`;

export class DashboardTotals1764736500000 implements MigrationInterface {
  name = 'DashboardTotals1764736500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(TOTALS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION dashboard_totals(int, uuid[])`);
  }
}
