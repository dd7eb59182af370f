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
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(55);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
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

describe('AUTH_RATE_LIMIT with REDIS_URL: one count for every process', () => {
  const redis = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    AUTH_RATE_LIMIT: '5/60',
  };

  it('throttles bad log-ins spread over two processes as one', async () => {
    const prefix = `wutong-test-${process.pid}-${Date.now()}:`;
    const [a, b] = [
      await startTestApp({ ...redis, REDIS_KEY_PREFIX: prefix }),
      await startTestApp({ ...redis, REDIS_KEY_PREFIX: prefix }),
    ];
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = i % 2 === 0 ? a : b;
        const res = await t.http
          .post('/api/auth/login')
          .send({ email: `spread${i}@example.cn`, password: 'Wrong-Pass-1' });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets sign-in through, and logs it, when Redis cannot be reached', async () => {
    const t = await startTestApp({ ...redis, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      for (let i = 0; i < 7; i++)
        await t.http
          .post('/api/auth/login')
          .send({ email: 'a@example.cn', password: 'Wrong-Pass-1' })
          .expect(401);
    } finally {
      await t.close();
    }
  });
});
