import { startTestApp, type TestApp } from '../support/test-app';

describe('AUTH_RATE_LIMIT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT: '3/60' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After once a client passes the limit on log-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: 'someone@example.cn', password: 'Wrong-Pass-1' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('RATE_LIMITED');
        expect(res.headers['retry-after']).toBe('60');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits sign-up and password reset too', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await t.http.post('/api/auth/password-reset').send({ email: 'x@example.cn' })).status);
    expect(codes).toEqual([202, 202, 202, 429]);
    const signups: number[] = [];
    for (let i = 0; i < 4; i++) {
      signups.push(
        (
          await t.http
            .post('/api/auth/signup')
            .send({ email: `rl${i}@example.cn`, password: 'Correct-Horse-9', displayName: 'x' })
        ).status,
      );
    }
    expect(signups).toEqual([201, 201, 201, 429]);
  });

  it('does not limit other routes', async () => {
    for (let i = 0; i < 6; i++) await t.http.get('/api/organizations').expect(200);
  });
});

describe('AUTH_RATE_LIMIT=off', () => {
  it('lets a load test log in as often as it likes', async () => {
    const t = await startTestApp({ AUTH_RATE_LIMIT: 'off' });
    try {
      for (let i = 0; i < 15; i++)
        await t.http
          .post('/api/auth/login')
          .send({ email: 'a@example.cn', password: 'Wrong-Pass-1' })
          .expect(401);
    } finally {
      await t.close();
    }
  });
});
