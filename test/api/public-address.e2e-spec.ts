import { email, grantRole, signup, startTestApp, type TestApp } from '../support/test-app';

/**
 * Without PUBLIC_URL, links in mail point at http://localhost:PORT. Fine on the machine that runs
 * Wutong; for people who reach it under another name they lead nowhere. The admin pages say so, and
 * once a request arrives under another name the outbox holds such mail back instead of sending it.
 */
describe('links in mail when PUBLIC_URL is not set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: undefined as unknown as string });
  });
  afterAll(() => t.close());

  const outboxOf = async (recipient: string) =>
    (
      await t.db.query(`SELECT status, last_error, text_body FROM outbox_messages WHERE recipient = $1`, [
        recipient,
      ])
    )[0] as { status: string; last_error: string | null; text_body: string };

  it('tells admins, sends mail while everyone is local, and holds it back once people come from elsewhere', async () => {
    const admin = await signup(t, {}, { verified: false });
    await grantRole(t, admin.id, 'admin');
    const founder = await signup(t, {}, { verified: false });
    const setup = await t.http.get('/api/setup').set(admin.auth).expect(200);
    expect(setup.body).toEqual({
      publicUrl: 'http://localhost:3000',
      publicUrlConfigured: false,
      pointsAtLocalhost: true,
      reachedAs: null,
    });
    await t.http.get('/api/setup').set(founder.auth).expect(403);
    await t.http.get('/api/setup').expect(401);

    // Requests from this machine: the verification mail (with a localhost link) is sent.
    await t.drainOutbox();
    const local = await outboxOf(founder.email);
    expect(local.text_body).toContain('http://localhost:3000/verify-email');
    expect(local.status).toBe('sent');

    // Someone reaches the server as wutong.example.com and signs up: the mail is not sent.
    const address = email('elsewhere');
    await t.http
      .post('/api/auth/signup')
      .set('Host', 'wutong.example.com')
      .send({ email: address, password: 'Correct-Horse-9', displayName: '外地用户' })
      .expect(201);
    await t.drainOutbox();
    const held = await outboxOf(address);
    expect(held.status).toBe('failed');
    expect(held.last_error).toMatch(
      /^PUBLIC_URL_UNSET: links point at http:\/\/localhost:3000 while people reach this server as wutong\.example\.com/,
    );
    expect((await t.http.get('/api/setup').set(admin.auth).expect(200)).body.reachedAs).toBe(
      'wutong.example.com',
    );
  });
});
