import { eventBody, setUpCarrier } from '../support/events';
import { signup, startTestApp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

describe('bad input answers 4xx with a stable code, never 500', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    auth = (await signup(t)).auth;
  });
  afterAll(() => t.close());

  it('names every invalid field of a sign-up in details', async () => {
    const res = await t.http
      .post('/api/auth/signup')
      .send({ email: 'not-an-email', password: 12345678, displayName: '' })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(typeof res.body.message).toBe('string');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'password']);
  });

  it.each([
    ['role', 'admin'],
    ['roles', ['admin']],
    ['id', '00000000-0000-4000-8000-000000000000'],
  ])('refuses the unknown body field %s (no mass assignment)', async (field, value) => {
    const res = await t.http
      .post('/api/auth/signup')
      .set('Accept-Language', 'en')
      .send({
        email: `mass.${field}@example.cn`,
        password: 'Correct-Horse-9',
        displayName: 'x',
        [field]: value,
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toContainEqual({
      field,
      messages: [`property ${field} should not exist`],
      rules: ['whitelistValidation'],
    });
  });

  it('refuses unknown fields inside nested objects and nested objects of the wrong type', async () => {
    const nested = await t.http
      .patch('/api/me')
      .set(auth)
      .send({ company: { name: 'x', roles: ['admin'] } })
      .expect(400);
    expect(nested.body.details).toContainEqual({
      field: 'company.roles',
      messages: ['不允许提交此字段'],
      rules: ['whitelistValidation'],
    });
    const wrongType = await t.http.patch('/api/me').set(auth).send({ company: 'acme' }).expect(400);
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
    const array = await t.http
      .patch('/api/me')
      .set(auth)
      .send([{ displayName: 'x' }])
      .expect(400);
    expect(array.body.code).toBe('VALIDATION_FAILED');
  });

  it('words field problems in Chinese by default and in English on request', async () => {
    const body = { email: 'nope', password: 'Correct-Horse-9', displayName: 'x'.repeat(101) };
    const zh = await t.http.post('/api/auth/signup').send(body).expect(400);
    expect(zh.body.message).toBe('提交的数据有误，请检查后重试');
    expect(zh.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', messages: ['必须是有效的邮箱地址'], rules: ['isEmail'] },
        { field: 'displayName', messages: ['不能超过 100 个字符'], rules: ['maxLength'] },
      ]),
    );
    const en = await t.http.post('/api/auth/signup').set('Accept-Language', 'en').send(body).expect(400);
    expect(en.body.details).toContainEqual({
      field: 'email',
      messages: ['email must be an email'],
      rules: ['isEmail'],
    });
    const weak = await t.http
      .post('/api/auth/signup')
      .send({ ...body, email: 'weak@example.cn', displayName: 'x', password: 'password1' })
      .expect(400);
    expect(weak.body.details).toEqual([
      { field: 'password', messages: ['这是最常见的密码之一，请换一个'], rules: ['passwordCommon'] },
    ]);
  });

  it('answers malformed JSON, a wrong content type and an oversized body with 4xx codes', async () => {
    const bad = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(bad.body.code).toBe('BAD_REQUEST');
    const media = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(media.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await t.http
      .post('/api/auth/login')
      .send({ email: 'a@b.cn', password: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes an empty body sent as JSON for no body, and still refuses prototype poisoning', async () => {
    const someone = await signup(t);
    await t.http
      .post('/api/auth/logout')
      .set(someone.auth)
      .set('Content-Type', 'application/json')
      .send('')
      .expect(204);
    const empty = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('')
      .expect(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const poisoned = await t.http
      .patch('/api/me')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"displayName":"x","__proto__":{"admin":true}}')
      .expect(400);
    expect(poisoned.body.code).toBe('BAD_REQUEST');
    const form = await t.http
      .post('/api/auth/login')
      .type('form')
      .send('email=a@b.cn&password=x')
      .expect(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 NOT_FOUND for unknown routes and ids that are not UUIDs', async () => {
    expect((await t.http.get('/api/no-such-thing').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http.get('/api/organizations/123').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http.get("/api/organizations/1' OR '1'='1").expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('never leaks a stack trace or SQL in an error body', async () => {
    const res = await t.http
      .patch('/api/me')
      .set(auth)
      .send({ displayName: 'x'.repeat(10_000) })
      .expect(400);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toMatch(/QueryFailedError|SELECT|INSERT/);
  });

  // Found while closing issue 15: names of spaces alone passed the DTOs, were trimmed to '' by the
  // services and broke the database's length CHECK: a 500 on nine routes, sign-up included.
  it('refuses names, titles and topics of spaces alone with 400 VALIDATION_FAILED (notBlank), never 500', async () => {
    const c = await setUpCarrier(t);
    const founder = await signup(t);
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const blank = ' \t　 ';
    const attempts: [string, import('supertest').Test, string][] = [
      [
        'sign-up',
        t.http
          .post('/api/auth/signup')
          .send({ email: 'blank.name@example.cn', password: 'Correct-Horse-9', displayName: blank }),
        'displayName',
      ],
      ['profile', t.http.patch('/api/me').set(founder.auth).send({ displayName: blank }), 'displayName'],
      [
        'company',
        t.http
          .patch('/api/me')
          .set(founder.auth)
          .send({ company: { name: blank } }),
        'company.name',
      ],
      ['carrier', t.http.post('/api/organizations').set(c.admin.auth).send({ name: blank }), 'name'],
      [
        'carrier rename',
        t.http.patch(`/api/organizations/${c.organizationId}`).set(c.admin.auth).send({ name: blank }),
        'name',
      ],
      [
        'venue',
        t.http.post(`/api/organizations/${c.organizationId}/venues`).set(c.admin.auth).send({ name: blank }),
        'name',
      ],
      [
        'event',
        t.http
          .post('/api/events')
          .set(c.organizer.auth)
          .send(eventBody(c.organizationId, { title: blank })),
        'title',
      ],
      [
        'question',
        t.http
          .post('/api/events')
          .set(c.organizer.auth)
          .send(eventBody(c.organizationId, { questions: [{ label: blank, kind: 'short_text' }] })),
        'questions.0.label',
      ],
      [
        'booking',
        t.http
          .post(`/api/mentors/${mentor.id}/bookings`)
          .set(founder.auth)
          .send({ startsAt: slot.startsAt, topic: blank }),
        'topic',
      ],
    ];
    for (const [what, request, field] of attempts) {
      const res = await request.set('Accept-Language', 'en');
      expect({ what, status: res.status, code: res.body.code }).toEqual({
        what,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.details).toContainEqual({
        field,
        messages: [`${field.split('.').pop()} must not be blank`],
        rules: ['notBlank'],
      });
    }
  });
});
