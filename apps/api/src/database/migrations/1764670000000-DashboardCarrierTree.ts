import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard reads a set of carriers instead of one: a parent carrier's numbers are its own and
 * its descendants' (base → park → incubator). Same body as DashboardRollup's `dashboard_read`, with
 * `scope = ANY(orgs)` for `scope = org`; NULL still means every carrier (base-wide).
 */
const READ = (param: string, match: (column: string) => string) => `
  CREATE FUNCTION dashboard_read(y int, ${param})
   RETURNS TABLE (metric text, scope uuid, month int, event_type text, n int) LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT pg_is_in_recovery() THEN
       PERFORM dashboard_fold();
     END IF;
     RETURN QUERY
     WITH c AS (
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_counts d
        WHERE d.year = y AND ${match('d.scope')}
       UNION ALL
       SELECT d.metric, d.scope, d.month, d.event_type, d.n FROM dashboard_count_deltas d
        WHERE d.year = y AND ${match('d.scope')}
       UNION ALL
       SELECT 'sessions_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_sessions t
        WHERE t.year = y AND ${match('t.organization_id')} AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.session_id = t.session_id)
       UNION ALL
       SELECT 'events_held', t.organization_id, t.month, t.event_type, 1 FROM dashboard_events t
        WHERE t.year = y AND ${match('t.organization_id')} AND t.counted
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = t.event_id)
     )
     SELECT c.metric, c.scope, c.month, NULL::text, sum(c.n)::int FROM c
      GROUP BY c.metric, c.scope, c.month HAVING sum(c.n) <> 0
     UNION ALL
     SELECT c.metric, NULL::uuid, NULL::int, c.event_type, sum(c.n)::int FROM c WHERE c.event_type <> ''
      GROUP BY c.metric, c.event_type HAVING sum(c.n) <> 0;
   END $$`;

export class DashboardCarrierTree1764670000000 implements MigrationInterface {
  name = 'DashboardCarrierTree1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION dashboard_read(int, uuid)`);
    await q.query(READ('orgs uuid[]', (column) => `(orgs IS NULL OR ${column} = ANY(orgs))`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION dashboard_read(int, uuid[])`);
    await q.query(READ('org uuid', (column) => `(org IS NULL OR ${column} = org)`));
  }
}
