import { Client } from 'pg';
import { call, startApi, type ApiProcess } from '../support/api-process';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { doorSessions, eventBody } from '../support/events';

/**
 * The security log of a real API process (its stdout, JSON lines): sign-ins, failures, throttling,
 * refusals, role grants, target changes and check-in undos are there; no password or token is.
 */
describe('security log', () => {
  const name = uniqueName('securitylog');
  const ADMIN_EMAIL = 'security.admin@example.cn';
  const ADMIN_PASSWORD = 'Admin-Secret-Horse-42';
  const FOUNDER_PASSWORD = 'Founder-Secret-Horse-17';
  const WRONG_PASSWORD = 'Guessing-Secret-Horse-99';
  let api: ApiProcess;
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE);
    api = await startApi({
      DATABASE_URL: url,
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT: '5/60',
      WUTONG_ADMIN_EMAIL: ADMIN_EMAIL,
      WUTONG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      OUTBOX_POLL_MS: '0',
      MAIL_DIR: `tmp/mail/${name}`,
    });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await dropDatabase(name);
  });

  it('records what matters for security and never a secret', async () => {
    const secrets: string[] = [ADMIN_PASSWORD, FOUNDER_PASSWORD, WRONG_PASSWORD];
    const admin = await call(api.base, 'POST', '/auth/login', undefined, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    expect(admin.status).toBe(200);
    const adminToken = admin.body.accessToken as string;
    const founderEmail = `founder.${Date.now()}@example.cn`;
    const founder = await call(api.base, 'POST', '/auth/signup', undefined, {
      email: founderEmail,
      password: FOUNDER_PASSWORD,
      displayName: '安全日志',
    });
    expect(founder.status).toBe(201);
    const founderToken = founder.body.accessToken as string;
    const founderId = (founder.body.user as { id: string }).id;
    secrets.push(adminToken, founderToken, founder.body.deviceToken as string);
    // The founder confirms the address with the code the sign-up mailed (registering needs it).
    const db = new Client({ connectionString: url });
    await db.connect();
    const { rows } = await db
      .query<{ subject: string }>(
        `SELECT subject FROM outbox_messages WHERE recipient = $1 AND template = 'verifyEmail'`,
        [founderEmail],
      )
      .finally(() => db.end());
    const code = /(\d{6})/.exec(rows[0].subject)![1];
    expect((await call(api.base, 'POST', '/me/email/confirm', founderToken, { code })).status).toBe(200);
    // Six digits may turn up inside a timestamp: searched as a JSON string value.
    secrets.push(`"${code}"`);

    // Failures, then throttling (5 per minute per address).
    for (let i = 0; i < 6; i++)
      await call(api.base, 'POST', '/auth/login', undefined, {
        email: founderEmail,
        password: WRONG_PASSWORD,
      });
    // Refusals: a founder on an admin route, a tampered token.
    expect((await call(api.base, 'GET', `/users?email=${ADMIN_EMAIL}`, founderToken)).status).toBe(403);
    expect((await call(api.base, 'GET', '/me', `${founderToken.slice(0, -2)}xx`)).status).toBe(401);
    // A role grant, a target change, a check-in and its undo.
    expect(
      (await call(api.base, 'POST', `/users/${founderId}/roles`, adminToken, { role: 'mentor' })).status,
    ).toBe(200);
    const org = await call(api.base, 'POST', '/organizations', adminToken, { name: '安全日志载体' });
    const organizationId = org.body.id as string;
    const year = new Date().getUTCFullYear();
    expect(
      (
        await call(api.base, 'PUT', `/targets/${year}`, adminToken, {
          organizationId,
          metric: 'events_held',
          value: 35,
        })
      ).status,
    ).toBe(200);
    const event = await call(
      api.base,
      'POST',
      '/events',
      adminToken,
      eventBody(organizationId, { sessions: doorSessions() }),
    );
    expect(event.status).toBe(201);
    await call(api.base, 'POST', `/events/${event.body.id}/publish`, adminToken);
    const registration = await call(
      api.base,
      'POST',
      `/events/${event.body.id}/registrations`,
      founderToken,
      {},
    );
    expect(registration.status).toBe(201);
    const sessionId = (event.body.sessions as { id: string }[])[0].id;
    const checkIn = await call(api.base, 'POST', `/sessions/${sessionId}/check-ins`, adminToken, {
      ticketCode: registration.body.ticketCode,
    });
    expect(checkIn.status).toBe(201);
    const checkInId = (checkIn.body.checkIn as { id: string }).id;
    expect((await call(api.base, 'DELETE', `/check-ins/${checkInId}`, adminToken)).status).toBeLessThan(300);
    secrets.push(String(registration.body.ticketCode));
    // A password change with the old and new passwords in the body.
    const changed = await call(api.base, 'POST', '/me/password', founderToken, {
      currentPassword: FOUNDER_PASSWORD,
      newPassword: 'Founder-New-Secret-Horse-18',
    });
    expect(changed.status).toBe(200);
    secrets.push(
      'Founder-New-Secret-Horse-18',
      changed.body.accessToken as string,
      changed.body.deviceToken as string,
    );
    await new Promise((r) => setTimeout(r, 300));

    const output = api.output();
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = lines.filter((l) => typeof l.security === 'string');
    const seen = new Set(events.map((l) => l.security));
    for (const expected of [
      'signin.succeeded',
      'signup',
      'signin.failed',
      'throttled',
      'access.refused',
      'role.granted',
      'target.changed',
      'check_in.undone',
      'password.changed',
      'email.verified',
    ])
      expect(seen).toContain(expected);
    // The admin's log-in used one of the address's 5 attempts: 4 failures, then throttled.
    expect(events.filter((l) => l.security === 'signin.failed')).toHaveLength(4);
    expect(events.find((l) => l.security === 'throttled')).toMatchObject({ ip: '127.0.0.1', by: 'address' });

    const hits = secrets.filter((s) => output.includes(s));
    console.log(
      `security log: ${events.length} security lines of ${lines.length} JSON lines; ${secrets.length} secrets searched, ${hits.length} found`,
    );
    expect(hits).toEqual([]);
  });
});
