import { request as httpRequest, type IncomingMessage } from 'node:http';
import { eventBody, sessions, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * Issue 15, point 7: large and deep bodies. Access is checked before a body is read, every route has
 * a body limit (64 KB unless it needs more), and nesting deeper than 32 levels is refused before the
 * body is parsed or validated: 401/403 for callers who may not call the route, 413 for too large,
 * 400 for too deep, never a 500.
 */

interface RawAnswer {
  status: number;
  body: { statusCode?: number; code?: string; message?: string; requestId?: string; details?: unknown };
  /** Bytes of the body the client had written when the answer came. */
  sentWhenAnswered: number;
}

const nestedObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const nestedArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('large and deep bodies (issue 15, point 7)', () => {
  let t: TestApp;
  let founder: SignedUp;
  let carrier: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    founder = await signup(t);
    carrier = await setUpCarrier(t);
  });
  afterAll(() => t.close());

  /**
   * Sends the headers and only the first `firstChunk` bytes of a body announced as `announced` bytes
   * (or chunked when `announced` is undefined), then waits: a server that reads the body before
   * answering never answers. The rest is never sent, so an answer proves the body was neither parsed
   * nor validated.
   */
  function sendPartOfBody(
    path: string,
    opts: { announced?: number; firstChunk: number; auth?: string; waitMs?: number },
  ): Promise<RawAnswer | 'no answer before the body ended'> {
    const url = new URL(path, t.url);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json' };
      if (opts.announced !== undefined) headers['content-length'] = opts.announced;
      if (opts.auth) headers.authorization = opts.auth;
      const req = httpRequest(url, { method: 'POST', headers });
      const chunk = `{"currentPassword":"${'{'.repeat(Math.max(0, opts.firstChunk - 21))}`;
      const timer = setTimeout(() => {
        req.destroy();
        resolve('no answer before the body ended');
      }, opts.waitMs ?? 4000);
      req.on('response', (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sentWhenAnswered: chunk.length });
        });
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.write(chunk);
      // Never req.end(): the rest of the body stays unsent.
    });
  }

  it('refuses an anonymous body to a signed-in route with 401 before reading it', async () => {
    // 600 KB announced, 1 KB sent: the answer comes without the rest of the body.
    const announced = await sendPartOfBody('/api/me/password', { announced: 600 * 1024, firstChunk: 1024 });
    expect(announced).toMatchObject({ status: 401, body: { statusCode: 401, code: 'UNAUTHORIZED' } });
    // Chunked, no length given: the same.
    const chunked = await sendPartOfBody('/api/me/password', { firstChunk: 1024 });
    expect(chunked).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    // A forged token is no better.
    const forged = await sendPartOfBody('/api/me/password', {
      announced: 600 * 1024,
      firstChunk: 1024,
      auth: 'Bearer not.a.token',
    });
    expect(forged).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    // A founder on an organizers' route: 403 before the body, too.
    const founderOnOrganizerRoute = await sendPartOfBody('/api/events', {
      announced: 400 * 1024,
      firstChunk: 1024,
      auth: founder.auth.Authorization,
    });
    expect(founderOnOrganizerRoute).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('answers 48 anonymous 600 KB nested bodies with 401 each and keeps serving', async () => {
    const body = nestedObject(100_000).slice(0, 600 * 1024);
    const answers = await Promise.all(
      Array.from({ length: 48 }, () =>
        t.http.post('/api/me/password').set('Content-Type', 'application/json').send(body),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(48).fill(401));
    expect(answers.every((a) => a.body.code === 'UNAUTHORIZED' && typeof a.body.requestId === 'string')).toBe(
      true,
    );
    await t.http.get('/api/health').expect(200);
  });

  it('refuses 10,000 levels of nesting in 20 KB with 400 VALIDATION_FAILED, signed in or not', async () => {
    for (const [method, path, auth] of [
      ['post', '/api/me/password', founder.auth],
      ['patch', '/api/me', founder.auth],
      ['post', '/api/auth/login', {}],
      ['post', '/api/auth/signup', {}],
    ] as const) {
      for (const body of [nestedObject(10_000), nestedArray(10_000), `{"company":${nestedObject(40)}}`]) {
        const call = method === 'post' ? t.http.post(path) : t.http.patch(path);
        const res = await call
          .set(auth)
          .set('Content-Type', 'application/json')
          .set('Accept-Language', 'en')
          .send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body).toMatchObject({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          details: [
            { field: 'body', rules: ['maxDepth'], messages: ['body must not nest deeper than 32 levels'] },
          ],
        });
      }
    }
    // Ordinary nesting still passes the depth check (and then validation decides).
    await t.http
      .patch('/api/me')
      .set(founder.auth)
      .send({ company: { name: '衡阳智造科技有限公司' } })
      .expect(200);
  });

  it('limits bodies to 64 KB on ordinary routes: 413 whether the length is announced or not', async () => {
    const big = { displayName: 'x', phone: '1'.repeat(70 * 1024) };
    const announced = await t.http.patch('/api/me').set(founder.auth).send(big).expect(413);
    expect(announced.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    // Chunked: refused once the count passes 64 KB, without waiting for the end.
    const chunked = await sendPartOfBody('/api/me/password', {
      firstChunk: 80 * 1024,
      auth: founder.auth.Authorization,
    });
    expect(chunked).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    // Public routes too.
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'a@example.cn', password: 'x'.repeat(65 * 1024) })
      .expect(413);
    expect(login.body.code).toBe('PAYLOAD_TOO_LARGE');
    // Just under the limit the body is read and validated as usual.
    const under = await t.http
      .patch('/api/me')
      .set(founder.auth)
      .set('Accept-Language', 'en')
      .send({ displayName: 'x'.repeat(60 * 1024) })
      .expect(400);
    expect(under.body.code).toBe('VALIDATION_FAILED');
  });

  it('takes an event of 60 sessions with a 20,000-character description (over 64 KB), not 600 KB', async () => {
    const body = eventBody(carrier.organizationId, {
      title: '六十讲创业训练营',
      description: '创'.repeat(20_000),
      sessions: sessions(60, 10).map((s, i) => ({ ...s, title: `第 ${i + 1} 讲：${'融资'.repeat(40)}` })),
    });
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(64 * 1024);
    const created = await t.http.post('/api/events').set(carrier.organizer.auth).send(body).expect(201);
    expect(created.body.sessions).toHaveLength(60);
    const huge = { ...body, description: '创'.repeat(200_000) };
    const refused = await t.http.post('/api/events').set(carrier.organizer.auth).send(huge).expect(413);
    expect(refused.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
