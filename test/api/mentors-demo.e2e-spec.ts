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
    // Searching an expertise by its Chinese or English name finds every mentor carrying it.
    const financing = list.body
      .filter((m: { expertise: string[] }) => m.expertise.includes('financing'))
      .map((m: { id: string }) => m.id);
    expect(financing.length).toBeGreaterThan(5);
    for (const q of ['融资', 'finance'])
      expect(
        (await t.http.get('/api/mentors').query({ q }).expect(200)).body.map((m: { id: string }) => m.id),
      ).toEqual(expect.arrayContaining(financing));
    expect(
      (await t.http.get('/api/mentors').query({ q: 'bank' }).expect(200)).body.length,
    ).toBeGreaterThanOrEqual(12);
    // Seeding again (a restart) changes nothing.
    expect(await t.app.get(DemoSeeder).seed()).toBe('present');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM mentor_profiles`);
    expect(count).toBe(60);
  });
});
