import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

describe('roles, carriers and the access guard', () => {
  let t: TestApp;
  let admin: SignedUp;
  let founder: SignedUp;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t);
    await grantRole(t, admin.id, 'admin');
    founder = await signup(t);
  });
  afterAll(() => t.close());

  const createCarrier = async (name: string) =>
    (await t.http.post('/api/organizations').set(admin.auth).send({ name, kind: 'incubator' }).expect(201))
      .body;

  it('lets an admin create a carrier, defaulting its time zone to Asia/Shanghai; anyone lists it', async () => {
    const org = await createCarrier('衡阳创新创业中心');
    expect(org).toMatchObject({
      name: '衡阳创新创业中心',
      kind: 'incubator',
      timeZone: 'Asia/Shanghai',
      parentId: null,
    });
    const list = await t.http.get('/api/organizations').expect(200);
    expect(list.body.map((o: { id: string }) => o.id)).toContain(org.id);
    const dup = await t.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: '衡阳创新创业中心' })
      .expect(409);
    expect(dup.body.code).toBe('ORGANIZATION_NAME_TAKEN');
  });

  it('refuses carrier creation to founders (403) and to anonymous callers (401)', async () => {
    expect(
      (await t.http.post('/api/organizations').set(founder.auth).send({ name: '某载体' }).expect(403)).body
        .code,
    ).toBe('FORBIDDEN');
    expect((await t.http.post('/api/organizations').send({ name: '某载体' }).expect(401)).body.code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('makes a member an organizer of that carrier only', async () => {
    const mine = await createCarrier('软件园');
    const theirs = await createCarrier('电商产业园');
    const organizer = await signup(t);
    await t.http
      .post(`/api/organizations/${mine.id}/members`)
      .set(admin.auth)
      .send({ userId: organizer.id })
      .expect(201);
    const me = await t.http.get('/api/me').set(organizer.auth).expect(200);
    expect(me.body.roles).toContain('organizer');
    expect(me.body.organizations).toEqual([{ id: mine.id, name: '软件园' }]);

    await t.http
      .patch(`/api/organizations/${mine.id}`)
      .set(organizer.auth)
      .send({ timeZone: 'Asia/Urumqi' })
      .expect(200);
    const other = await t.http
      .patch(`/api/organizations/${theirs.id}`)
      .set(organizer.auth)
      .send({ name: '改名' })
      .expect(403);
    expect(other.body.code).toBe('FORBIDDEN');
    await t.http.get(`/api/organizations/${theirs.id}/members`).set(organizer.auth).expect(403);
    const members = await t.http.get(`/api/organizations/${mine.id}/members`).set(organizer.auth).expect(200);
    expect(members.body.map((m: { userId: string }) => m.userId)).toEqual([organizer.id]);
    // Only admins add members.
    await t.http
      .post(`/api/organizations/${mine.id}/members`)
      .set(organizer.auth)
      .send({ userId: founder.id })
      .expect(403);
  });

  it('answers 404 for a member that does not exist and for a carrier that does not exist', async () => {
    const org = await createCarrier('创业服务中心');
    await t.http
      .post(`/api/organizations/${org.id}/members`)
      .set(admin.auth)
      .send({ userId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    await t.http
      .post('/api/organizations/00000000-0000-4000-8000-000000000000/members')
      .set(admin.auth)
      .send({ userId: founder.id })
      .expect(404);
  });

  it("lets only admins grant and remove roles; removal ends the account's sessions at once", async () => {
    const someone = await signup(t);
    await t.http
      .post(`/api/users/${someone.id}/roles`)
      .set(founder.auth)
      .send({ role: 'mentor' })
      .expect(403);
    const granted = await t.http
      .post(`/api/users/${someone.id}/roles`)
      .set(admin.auth)
      .send({ role: 'mentor' })
      .expect(200);
    expect(granted.body.roles).toEqual(['founder', 'mentor']);
    const bad = await t.http
      .post(`/api/users/${someone.id}/roles`)
      .set(admin.auth)
      .send({ role: 'founder' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http.delete(`/api/users/${someone.id}/roles/founder`).set(admin.auth).expect(400);

    await t.http.post(`/api/users/${someone.id}/roles`).set(admin.auth).send({ role: 'admin' }).expect(200);
    await t.http.get('/api/users').query({ email: founder.email }).set(someone.auth).expect(200);
    await t.http.delete(`/api/users/${someone.id}/roles/admin`).set(admin.auth).expect(200);
    await t.http.get('/api/users').query({ email: founder.email }).set(someone.auth).expect(401);
    const again = await t.http
      .post('/api/auth/login')
      .send({ email: someone.email, password: 'Correct-Horse-9' })
      .expect(200);
    await t.http
      .get('/api/users')
      .query({ email: founder.email })
      .set({ Authorization: `Bearer ${again.body.accessToken}` })
      .expect(403);

    const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at`, [
      someone.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'user.role.grant',
      'user.role.grant',
      'user.role.remove',
    ]);
  });

  it('removing the organizer role ends every membership', async () => {
    const org = await createCarrier('5G 产业园');
    const organizer = await signup(t);
    await t.http
      .post(`/api/organizations/${org.id}/members`)
      .set(admin.auth)
      .send({ userId: organizer.id })
      .expect(201);
    const after = await t.http
      .delete(`/api/users/${organizer.id}/roles/organizer`)
      .set(admin.auth)
      .expect(200);
    expect(after.body.roles).toEqual(['founder']);
    expect(after.body.organizations).toEqual([]);
    // The old token ended with the role; a fresh sign-in has no right on the carrier.
    await t.http.patch(`/api/organizations/${org.id}`).set(organizer.auth).send({ name: '改名' }).expect(401);
    const again = await t.http
      .post('/api/auth/login')
      .send({ email: organizer.email, password: 'Correct-Horse-9' })
      .expect(200);
    await t.http
      .patch(`/api/organizations/${org.id}`)
      .set({ Authorization: `Bearer ${again.body.accessToken}` })
      .send({ name: '改名' })
      .expect(403);
  });

  it('refuses to remove the last admin', async () => {
    const [{ admins }] = await t.db.query(
      `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles)`,
    );
    expect(admins).toBe(1);
    const res = await t.http.delete(`/api/users/${admin.id}/roles/admin`).set(admin.auth).expect(409);
    expect(res.body.code).toBe('LAST_ADMIN');
  });

  it('finds users by exact email for organizers and admins, never for founders', async () => {
    const found = await t.http
      .get('/api/users')
      .query({ email: founder.email.toUpperCase() })
      .set(admin.auth)
      .expect(200);
    expect(found.body).toEqual([
      {
        id: founder.id,
        email: founder.email,
        displayName: '测试用户',
        companyName: null,
        roles: ['founder'],
        mfaEnabled: false,
      },
    ]);
    await t.http.get('/api/users').query({ email: founder.email }).set(founder.auth).expect(403);
    const bad = await t.http.get('/api/users').query({ email: 'nope' }).set(admin.auth).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('seeds the first admin from WUTONG_ADMIN_EMAIL/WUTONG_ADMIN_PASSWORD once', async () => {
    const seeded = await startTestApp({
      WUTONG_ADMIN_EMAIL: 'Chief@Base.cn',
      WUTONG_ADMIN_PASSWORD: 'Seeded-Admin-2026',
    });
    try {
      const login = await seeded.http
        .post('/api/auth/login')
        .send({ email: 'chief@base.cn', password: 'Seeded-Admin-2026' })
        .expect(200);
      expect(login.body.user.roles).toContain('admin');
    } finally {
      await seeded.close();
    }
  });
});
