import { DemoSeeder } from '../../apps/api/src/demo/demo.seeder';
import { startTestApp, type TestApp } from '../support/test-app';

describe('demo data (WUTONG_DEMO=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WUTONG_DEMO: '1' });
  });
  afterAll(() => t.close());

  it('loads a base with carriers, 60 mentors, founders with companies and a year of events with registrations', async () => {
    const [counts] = await t.db.query(`
      SELECT (SELECT count(*)::int FROM organizations) AS organizations,
             (SELECT count(*)::int FROM users WHERE 'mentor' = ANY(roles)) AS mentors,
             (SELECT count(*)::int FROM users WHERE email LIKE 'founder.%') AS founders,
             (SELECT count(DISTINCT company_id)::int FROM users WHERE company_id IS NOT NULL) AS companies,
             (SELECT count(*)::int FROM events) AS events,
             (SELECT count(*)::int FROM events WHERE starts_at < now()) AS past_events,
             (SELECT count(*)::int FROM event_sessions) AS sessions,
             (SELECT count(*)::int FROM registrations) AS registrations,
             (SELECT count(*)::int FROM check_ins WHERE registration_id IS NOT NULL) AS check_ins,
             (SELECT count(*)::int FROM check_ins WHERE registration_id IS NULL) AS walk_ins,
             (SELECT count(*)::int FROM check_ins ci JOIN event_sessions s ON s.id = ci.session_id WHERE s.starts_at > now()) AS future_check_ins,
             (SELECT count(*)::int FROM bookings WHERE status = 'completed' AND starts_at < now()) AS mentoring`);
    expect(counts.organizations).toBe(9);
    expect(counts.mentors).toBe(60);
    expect(counts.founders).toBe(240);
    expect(counts.companies).toBeGreaterThan(100);
    expect(counts.events).toBeGreaterThanOrEqual(300);
    expect(counts.past_events).toBeGreaterThan(200);
    expect(counts.sessions).toBeGreaterThan(counts.events);
    expect(counts.registrations).toBeGreaterThan(5000);
    expect(counts.check_ins).toBeGreaterThan(3000);
    expect(counts.walk_ins).toBeGreaterThan(100);
    expect(counts.future_check_ins).toBe(0);
    expect(counts.mentoring).toBeGreaterThan(500);
    const mismatched = await t.db.query(`
      SELECT e.id FROM events e LEFT JOIN registrations r ON r.event_id = e.id AND r.status = 'confirmed'
       GROUP BY e.id, e.organization_id HAVING e.seats_taken <> count(r.id) OR e.seats_taken > e.capacity`);
    expect(mismatched).toEqual([]);
  });

  it('signs in with the printed demo logins and shows upcoming events to everyone', async () => {
    for (const email of [
      'admin@demo.wutong.cn',
      'organizer.innovation@demo.wutong.cn',
      'mentor.1@demo.wutong.cn',
      'founder.1@demo.wutong.cn',
    ]) {
      await t.http.post('/api/auth/login').send({ email, password: 'wutong-demo-2026' }).expect(200);
    }
    const list = await t.http.get('/api/events').expect(200);
    expect(list.body.total).toBeGreaterThan(20);
    const admin = await t.http
      .post('/api/auth/login')
      .send({ email: 'admin@demo.wutong.cn', password: 'wutong-demo-2026' })
      .expect(200);
    const dashboard = await t.http
      .get('/api/dashboard')
      .set('Authorization', `Bearer ${admin.body.accessToken}`)
      .expect(200);
    const actual = Object.fromEntries(
      dashboard.body.metrics.map((m: { metric: string; actual: number }) => [m.metric, m.actual]),
    );
    expect(actual.participant_visits).toBeGreaterThan(1000);
    expect(actual.mentoring_sessions).toBeGreaterThan(100);
  });

  it('does nothing when loaded again', async () => {
    expect(await t.app.get(DemoSeeder).seed()).toBe('present');
    const [{ organizations }] = await t.db.query(`SELECT count(*)::int AS organizations FROM organizations`);
    expect(organizations).toBe(9);
  });
});
