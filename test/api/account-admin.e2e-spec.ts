import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { setUpCarrier } from '../support/events';

/** Admins find people and deactivate or reactivate their accounts; nobody else may. */
describe('admins manage accounts', () => {
  let t: TestApp;
  let admin: SignedUp;
  let zhao: SignedUp;
  let organizer: SignedUp;
  const mark = Date.now().toString(36);

  beforeAll(async () => {
    t = await startTestApp();
    const carrier = await setUpCarrier(t);
    admin = carrier.admin;
    organizer = carrier.organizer;
    zhao = await signup(t, { displayName: `赵管理测试${mark}` });
    await t.http
      .patch('/api/me')
      .set(zhao.auth)
      .send({ phone: '139 0734 5678', company: { name: `雁城科技${mark}` } })
      .expect(200);
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string | number>, who = admin) =>
    t.http.get('/api/admin/users').query(query).set(who.auth);
  const ids = async (query: Record<string, string | number>) =>
    (await list(query).expect(200)).body.items.map((a: { id: string }) => a.id) as string[];

  it('finds an account by name, email, phone (as typed or as digits), company and role', async () => {
    for (const q of [
      `赵管理测试${mark}`,
      zhao.email.toUpperCase(),
      '139 0734',
      '13907345678',
      '+86 139-0734-5678',
      `雁城科技${mark}`,
    ])
      expect([q, await ids({ q })]).toEqual([q, [zhao.id]]);
    const page = (await list({ q: `赵管理测试${mark}` }).expect(200)).body;
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(page.items[0]).toMatchObject({
      displayName: `赵管理测试${mark}`,
      phone: '139 0734 5678',
      companyName: `雁城科技${mark}`,
      roles: ['founder'],
      deactivatedAt: null,
    });
    // A carrier's member is an organizer, whether or not the role was granted.
    expect(await ids({ role: 'organizer' })).toContain(organizer.id);
    expect(await ids({ role: 'organizer' })).not.toContain(zhao.id);
    expect(await ids({ role: 'admin' })).toEqual([admin.id]);
    expect((await list({ role: 'astronaut' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // A search text with LIKE's wildcards is taken literally.
    expect(await ids({ q: '%' })).toEqual([]);
  });

  it('deactivates an account: its token is refused at once, sign-in is refused, and it is audited', async () => {
    const who = await signup(t, { displayName: `停用测试${mark}` });
    await t.http.get('/api/me').set(who.auth).expect(200);
    const off = await t.http.post(`/api/admin/users/${who.id}/deactivate`).set(admin.auth).expect(200);
    expect(off.body.deactivatedAt).not.toBeNull();
    await t.http.get('/api/me').set(who.auth).expect(401);
    const refused = await t.http
      .post('/api/auth/login')
      .send({ email: who.email, password: 'Correct-Horse-9', deviceToken: who.deviceToken })
      .expect(403);
    expect(refused.body.code).toBe('ACCOUNT_DEACTIVATED');
    expect(await ids({ status: 'deactivated', q: `停用测试${mark}` })).toEqual([who.id]);
    expect(await ids({ status: 'active', q: `停用测试${mark}` })).toEqual([]);

    const on = await t.http.post(`/api/admin/users/${who.id}/reactivate`).set(admin.auth).expect(200);
    expect(on.body.deactivatedAt).toBeNull();
    // The old token stays ended; signing in again works (a new device proves itself with the password).
    await t.http.get('/api/me').set(who.auth).expect(401);
    const back = await t.http
      .post('/api/auth/login')
      .send({ email: who.email, password: 'Correct-Horse-9' })
      .expect(200);
    await t.http
      .get('/api/me')
      .set({ Authorization: `Bearer ${back.body.accessToken}` })
      .expect(200);

    const audit = await t.db.query(
      `SELECT action, actor_id FROM audit_log WHERE target_id = $1 AND action LIKE 'user.%activate' ORDER BY created_at`,
      [who.id],
    );
    expect(audit).toEqual([
      { action: 'user.deactivate', actor_id: admin.id },
      { action: 'user.reactivate', actor_id: admin.id },
    ]);
  });

  it('refuses an admin deactivating themselves, and everyone but admins', async () => {
    expect(
      (await t.http.post(`/api/admin/users/${admin.id}/deactivate`).set(admin.auth).expect(409)).body.code,
    ).toBe('CANNOT_DEACTIVATE_SELF');
    const mentor = await signup(t);
    await grantRole(t, mentor.id, 'mentor');
    for (const who of [zhao, organizer, mentor]) {
      await list({}, who).expect(403);
      await t.http.post(`/api/admin/users/${admin.id}/deactivate`).set(who.auth).expect(403);
      await t.http.post(`/api/admin/users/${zhao.id}/reactivate`).set(who.auth).expect(403);
    }
    await t.http.get('/api/admin/users').expect(401);
    await t.http
      .post(`/api/admin/users/00000000-0000-4000-8000-000000000000/deactivate`)
      .set(admin.auth)
      .expect(404);
    // Nothing changed for the account others tried to touch.
    await t.http.get('/api/me').set(admin.auth).expect(200);
  });

  it('never leaves the base without an active admin: two admins deactivating each other at once, one wins', async () => {
    const [a, b] = [await signup(t), await signup(t)];
    await grantRole(t, a.id, 'admin');
    await grantRole(t, b.id, 'admin');
    const answers = await Promise.all([
      t.http.post(`/api/admin/users/${b.id}/deactivate`).set(a.auth),
      t.http.post(`/api/admin/users/${a.id}/deactivate`).set(b.auth),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    // The loser is refused: 403 when it got past sign-in first, 401 when its session had already ended.
    expect(statuses[0]).toBe(200);
    expect([401, 403]).toContain(statuses[1]);
    const [{ active }] = await t.db.query(
      `SELECT count(*)::int AS active FROM users WHERE id = ANY($1) AND deactivated_at IS NULL`,
      [[a.id, b.id]],
    );
    expect(active).toBe(1);
  });
});
