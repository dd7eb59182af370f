import { email, signup, startTestApp, type TestApp } from '../support/test-app';

describe('accounts: sign-up, log-in, me, sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs up, returns the user with the founder role and a token that opens /me', async () => {
    const address = email('founder');
    const res = await t.http
      .post('/api/auth/signup')
      .send({
        email: address.toUpperCase(),
        password: 'Correct-Horse-9',
        displayName: '  王芳 ',
        locale: 'en',
      })
      .expect(201);
    expect(res.body.user).toMatchObject({
      email: address,
      displayName: '王芳',
      locale: 'en',
      roles: ['founder'],
    });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({
      id: res.body.user.id,
      roles: ['founder'],
      timeZone: 'Asia/Shanghai',
      company: null,
    });
  });

  it('refuses a second account with the same email, whatever its case, with 409 EMAIL_TAKEN', async () => {
    const first = await signup(t);
    const res = await t.http
      .post('/api/auth/signup')
      .send({ email: first.email.toUpperCase(), password: 'Another-Pass-7', displayName: '重复' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [
      first.email,
    ]);
    expect(count).toBe(1);
  });

  it.each([
    ['short', 'Ab1!xyz', 'at least 8'],
    ['common', 'password123', 'most common'],
    ['one repeated character', 'aaaaaaaaaaaa', 'repeat'],
    ['too long', 'x'.repeat(129), 'at most 128'],
  ])('refuses a %s password with 400 WEAK_PASSWORD naming the field', async (_label, password, reason) => {
    const res = await t.http
      .post('/api/auth/signup')
      .set('Accept-Language', 'en')
      .send({ email: email(), password, displayName: '弱密码' })
      .expect(400);
    expect(res.body.code).toBe('WEAK_PASSWORD');
    expect(res.body.details[0].field).toBe('password');
    expect(res.body.details[0].messages[0]).toContain(reason);
  });

  it('logs in case-insensitively and answers the same for an unknown email and a wrong password', async () => {
    const user = await signup(t);
    const ok = await t.http
      .post('/api/auth/login')
      .send({ email: user.email.toUpperCase(), password: 'Correct-Horse-9' })
      .expect(200);
    expect(ok.body.user.id).toBe(user.id);
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Wrong-Horse-9' })
      .expect(401);
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ email: email('nobody'), password: 'Wrong-Horse-9' })
      .expect(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 UNAUTHORIZED without a token, with a forged one and with a malformed header', async () => {
    const user = await signup(t);
    const forged = user.token.slice(0, -4) + (user.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const header of [undefined, `Bearer ${forged}`, 'Bearer', 'Basic abc', `Bearer ${user.token}.x`]) {
      const req = t.http.get('/api/me');
      if (header) req.set('Authorization', header);
      const res = await req.expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a token signed with another algorithm (alg none)', async () => {
    const user = await signup(t);
    const [, payload] = user.token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await t.http.get('/api/me').set('Authorization', `Bearer ${none}`).expect(401);
  });

  it('ends the session on logout while other devices stay signed in', async () => {
    const user = await signup(t);
    const other = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Correct-Horse-9' })
      .expect(200);
    await t.http.post('/api/auth/logout').set(user.auth).expect(204);
    await t.http.get('/api/me').set(user.auth).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(200);
  });

  it('changes the password: the old password and every other session stop working at once', async () => {
    const user = await signup(t);
    const other = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Correct-Horse-9' })
      .expect(200);
    const wrong = await t.http
      .post('/api/me/password')
      .set(user.auth)
      .send({ currentPassword: 'not-my-password', newPassword: 'Brand-New-Pass-3' })
      .expect(400);
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const changed = await t.http
      .post('/api/me/password')
      .set(user.auth)
      .send({ currentPassword: 'Correct-Horse-9', newPassword: 'Brand-New-Pass-3' })
      .expect(200);
    await t.http.get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(401);
    await t.http.get('/api/me').set(user.auth).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    await t.http.post('/api/auth/login').send({ email: user.email, password: 'Correct-Horse-9' }).expect(401);
    await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Brand-New-Pass-3' })
      .expect(200);
  });

  it('answers in English when the caller prefers it and in Chinese by default', async () => {
    const zh = await t.http.get('/api/me').expect(401);
    expect(zh.body.message).toBe('请先登录');
    const en = await t.http.get('/api/me').set('Accept-Language', 'en-GB,en;q=0.9,zh;q=0.1').expect(401);
    expect(en.body.message).toBe('Please sign in');
  });
});

describe('profile and company', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('saves display name, locale, time zone, phone and the company, found again by its credit code', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const res = await t.http
      .patch('/api/me')
      .set(a.auth)
      .send({
        displayName: '张伟',
        locale: 'en',
        timeZone: 'Europe/Berlin',
        phone: '+86 138 0000 0000',
        company: {
          name: '衡阳智造科技有限公司',
          creditCode: '91350100m000100y43',
          stage: 'prototype',
          industry: 'software',
        },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      displayName: '张伟',
      locale: 'en',
      timeZone: 'Europe/Berlin',
      phone: '+86 138 0000 0000',
      company: {
        name: '衡阳智造科技有限公司',
        creditCode: '91350100M000100Y43',
        stage: 'prototype',
        industry: 'software',
      },
    });
    // A second founder of the same company joins the same record.
    const second = await t.http
      .patch('/api/me')
      .set(b.auth)
      .send({ company: { name: '衡阳智造科技', creditCode: '91350100M000100Y43' } })
      .expect(200);
    expect(second.body.company.id).toBe(res.body.company.id);
    const [{ companies }] = await t.db.query(`SELECT count(*)::int AS companies FROM companies`);
    expect(companies).toBe(1);
    // Joining by the code does not rewrite the company the first founder described.
    const stranger = await t.http
      .patch('/api/me')
      .set((await signup(t)).auth)
      .send({ company: { name: '改名有限公司', creditCode: '91350100M000100Y43', stage: 'mature' } })
      .expect(200);
    expect(stranger.body.company.id).toBe(res.body.company.id);
    const mine = await t.http.get('/api/me').set(a.auth).expect(200);
    expect(mine.body.company).toMatchObject({ name: res.body.company.name, id: res.body.company.id });
    expect(mine.body.company.stage).toBe(res.body.company.stage);
  });

  it('refuses a credit code whose check character is wrong with 400 INVALID_CREDIT_CODE', async () => {
    const a = await signup(t);
    const res = await t.http
      .patch('/api/me')
      .set(a.auth)
      .send({ company: { name: '某公司', creditCode: '91350100M000100Y44' } })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'INVALID_CREDIT_CODE',
      details: [{ field: 'company.creditCode' }],
    });
    const me = await t.http.get('/api/me').set(a.auth).expect(200);
    expect(me.body.company).toBeNull();
  });

  it('refuses an unknown time zone and an incubator that is not a carrier', async () => {
    const a = await signup(t);
    const tz = await t.http.patch('/api/me').set(a.auth).send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(tz.body.code).toBe('INVALID_TIME_ZONE');
    const inc = await t.http
      .patch('/api/me')
      .set(a.auth)
      .send({ company: { name: '某公司', incubatorId: '00000000-0000-4000-8000-000000000000' } })
      .expect(400);
    expect(inc.body.details[0].field).toBe('company.incubatorId');
  });
});
