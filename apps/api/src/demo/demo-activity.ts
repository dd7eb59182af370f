import type { EntityManager } from 'typeorm';
import { demoName } from './demo-data';

export interface DemoActivityResult {
  checkIns: number;
  walkIns: number;
  mentoring: number;
}

/**
 * What happened at the demo base's past events and office hours, so the door lists, attendance and
 * the dashboard have something real to show: about 80 % of confirmed registrants checked in at each
 * past session, a few walk-ins per session, and past mentoring sessions (mostly completed, some
 * no-shows, most with feedback). Deterministic (hash-based), bulk SQL.
 */
export async function seedDemoActivity(m: EntityManager): Promise<DemoActivityResult> {
  const [checkIns] = await m.query(
    `WITH ins AS (
       INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, company_id, method, checked_in_at)
       SELECT r.organization_id, r.event_id, s.id, r.id, r.user_id, u.company_id, 'ticket',
              s.starts_at - interval '20 minutes' + (abs(hashtext(r.id::text || s.id::text)) % 40) * interval '1 minute'
         FROM registrations r
         JOIN event_sessions s ON s.event_id = r.event_id
         JOIN events e ON e.id = r.event_id
         JOIN users u ON u.id = r.user_id
        WHERE r.status = 'confirmed' AND e.status <> 'cancelled' AND s.starts_at < now()
          AND abs(hashtext(r.id::text || s.id::text)) % 100 < 80
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
  );
  const sessions: { id: string; event_id: string; organization_id: string; starts_at: Date }[] =
    await m.query(
      `SELECT s.id, s.event_id, s.organization_id, s.starts_at FROM event_sessions s JOIN events e ON e.id = s.event_id
      WHERE s.starts_at < now() AND e.status <> 'cancelled' ORDER BY s.starts_at`,
    );
  const walkIns = sessions.flatMap((s, i) =>
    Array.from({ length: i % 4 }, (_, k) => {
      const n = 5000 + ((i * 7 + k * 13) % 400);
      return {
        ...s,
        name: demoName(n),
        phone: k % 2 === 0 ? `139${String(40000000 + n).padStart(8, '0')}` : null,
        n,
      };
    }),
  );
  if (walkIns.length > 0) {
    await m.query(
      `INSERT INTO check_ins (organization_id, event_id, session_id, walk_in_name, walk_in_phone, walk_in_key, method, checked_in_at)
       SELECT o, e, s, nm, ph, CASE WHEN ph IS NULL THEN 'name:' || nm ELSE 'phone:' || ph END, 'walk_in', at
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS x(o, e, s, nm, ph, at)
       ON CONFLICT DO NOTHING`,
      [
        walkIns.map((w) => w.organization_id),
        walkIns.map((w) => w.event_id),
        walkIns.map((w) => w.id),
        walkIns.map((w) => w.name),
        walkIns.map((w) => w.phone),
        walkIns.map((w) => w.starts_at),
      ],
    );
  }
  // Past office hours: each mentor about every ten days over the last ten months, never overlapping.
  const [mentoring] = await m.query(
    `WITH mentors AS (SELECT id, row_number() OVER (ORDER BY email) AS i FROM users WHERE 'mentor' = ANY(roles)),
          founders AS (SELECT array_agg(id ORDER BY email) AS a FROM users WHERE email LIKE 'founder.%@demo.wutong.cn'),
          carriers AS (SELECT array_agg(id ORDER BY name) AS a FROM organizations WHERE kind <> 'base'),
          ins AS (
            INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone, rating, feedback_at)
            SELECT mentors.id, founders.a[1 + (mentors.i * 31 + k * 7) % array_length(founders.a, 1)],
                   carriers.a[1 + (mentors.i + k) % array_length(carriers.a, 1)],
                   date_trunc('day', now()) - (k * 10 + mentors.i % 7 + 1) * interval '1 day' + interval '6 hours',
                   date_trunc('day', now()) - (k * 10 + mentors.i % 7 + 1) * interval '1 day' + interval '7 hours',
                   CASE WHEN (mentors.i + k) % 11 = 0 THEN 'no_show' ELSE 'completed' END,
                   (ARRAY['融资路演准备', '财务模型', '税务筹划', '股权结构', '市场验证', '知识产权'])[1 + (mentors.i + k) % 6],
                   'Asia/Shanghai',
                   CASE WHEN (mentors.i + k) % 11 <> 0 AND (mentors.i + k) % 3 <> 0 THEN 4 + (mentors.i + k) % 2 END,
                   CASE WHEN (mentors.i + k) % 11 <> 0 AND (mentors.i + k) % 3 <> 0 THEN now() END
              FROM mentors, founders, carriers, generate_series(0, 29) AS k
             WHERE (mentors.i + k) % 4 <> 0
            RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
  );
  return { checkIns: checkIns.n, walkIns: walkIns.length, mentoring: mentoring.n };
}
