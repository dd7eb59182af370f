import { DemoSeeder } from '../../apps/api/src/demo/demo.seeder';
import { startTestApp, type TestApp } from '../support/test-app';

describe('demo mentors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WUTONG_DEMO: '1' });
  });
  afterAll(() => t.close());

  it('gives the 60 demo mentors published profiles with office hours, once', async () => {
    const list = await t.http.get('/api/mentors').expect(200);
    expect(list.body).toHaveLength(60);
    const bankers = await t.http.get('/api/mentors').query({ category: 'banker' }).expect(200);
    expect(bankers.body).toHaveLength(12);
    expect(bankers.body[0].expertise).toContain('financing');
    const from = new Date(Date.now() + 24 * 3600_000);
    const slots = await t.http
      .get(`/api/mentors/${list.body[0].id}/slots`)
      .query({ from: from.toISOString(), to: new Date(from.getTime() + 21 * 24 * 3600_000).toISOString() })
      .expect(200);
    expect(slots.body.length).toBeGreaterThan(0);
    // Seeding again (a restart) changes nothing.
    expect(await t.app.get(DemoSeeder).seed()).toBe('present');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM mentor_profiles`);
    expect(count).toBe(60);
  });
});
