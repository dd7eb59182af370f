/**
 * The API's clock and the database's drift apart by ordinary amounts (two machines, NTP a little
 * behind). With the API process 30 s ahead of, then 30 s behind, the database and this test (which
 * plays the founder's phone), nobody is signed out and no fresh code is refused: sign-up, the
 * mailed verification code, log-in and the token, a password reset from its mail, an authenticator
 * code, and a self check-in code from the venue screen. docs/testing.md lists which clock each rule
 * reads.
 */
import * as OTPAuth from 'otpauth';
import { Client } from 'pg';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/databases';
import { call, makeUsers, publishedEvent, startApi, type ApiProcess } from '../support/api-process';
import { SmtpSink } from '../support/smtp-sink';

jest.setTimeout(120_000);

const PASSWORD = 'Skewed-Clocks-2026';
const NEW_PASSWORD = 'Skewed-Clocks-2027';

async function waitFor<T>(what: string, find: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`${what} did not arrive within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each([
  ['30 s ahead of', 30],
  ['30 s behind', -30],
])('an API whose clock runs %s the database', (_label, skew) => {
  let api: ApiProcess;
  let sink: SmtpSink;
  let name: string;
  let url: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    name = uniqueName('skew');
    url = await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE);
    api = await startApi({ DATABASE_URL: url, SMTP_URL: sink.url, OUTBOX_POLL_MS: '100' }, undefined, {
      clockSkewSeconds: skew,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await sink?.stop();
    await dropDatabase(name);
  });

  it('really runs on another clock than the database', async () => {
    const db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
    try {
      const before = Date.now();
      const health = await fetch(`${api.base}/health`);
      const apiNow = Date.parse(health.headers.get('date')!);
      const { rows } = await db.query<{ now: Date }>('SELECT now()');
      // The Date header has whole seconds: the API's clock is the skew (±2 s) from the database's.
      expect(Math.abs(apiNow - rows[0].now.getTime() - skew * 1000)).toBeLessThan(2_000);
      expect(Math.abs(rows[0].now.getTime() - before)).toBeLessThan(2_000);
    } finally {
      await db.end();
    }
  });

  it('signs up, verifies, signs in, resets the password and uses a two-step code without a refusal', async () => {
    const email = `skew.${skew}.${process.pid}.${Date.now()}@example.cn`;
    const signup = await call(api.base, 'POST', '/auth/signup', undefined, {
      email,
      password: PASSWORD,
      displayName: '时钟测试',
    });
    expect(signup.status).toBe(201);
    const token = signup.body.accessToken as unknown as string;
    expect((await call(api.base, 'GET', '/me', token)).status).toBe(200);

    // The verification code, read from the mail, is good.
    const verifyMail = await waitFor('the verification mail', () =>
      sink.to(email).find((m) => /\d{6}/.test(m.subject ?? '')),
    );
    const code = /(\d{6})/.exec(verifyMail.subject!)![1];
    const confirmed = await call(api.base, 'POST', '/me/email/confirm', token, { code });
    expect([confirmed.status, confirmed.body.code]).toEqual([200, undefined]);

    // A fresh log-in's token works at once and keeps working.
    const login = await call(api.base, 'POST', '/auth/login', undefined, { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const fresh = login.body.accessToken as unknown as string;
    expect((await call(api.base, 'GET', '/me', fresh)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await call(api.base, 'GET', '/me', fresh)).status).toBe(200);

    // A password reset link, followed at once, is accepted.
    expect((await call(api.base, 'POST', '/auth/password-reset', undefined, { email })).status).toBe(202);
    const resetMail = await waitFor('the reset mail', () =>
      sink.to(email).find((m) => /reset-password\?token=/.test(m.text ?? '')),
    );
    const resetToken = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(resetMail.text!)![1];
    const reset = await call(api.base, 'POST', '/auth/password-reset/confirm', undefined, {
      token: resetToken,
      password: NEW_PASSWORD,
    });
    expect([reset.status, reset.body.code]).toEqual([200, undefined]);
    const again = await call(api.base, 'POST', '/auth/login', undefined, { email, password: NEW_PASSWORD });
    expect(again.status).toBe(200);
    const afterReset = again.body.accessToken as unknown as string;

    // An authenticator code made on the phone (this test's clock) now is accepted.
    const setup = await call(api.base, 'POST', '/me/mfa/totp', afterReset);
    expect(setup.status).toBe(200);
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(setup.body.secret as unknown as string),
      digits: 6,
      period: 30,
    });
    const enabled = await call(api.base, 'POST', '/me/mfa/totp/enable', afterReset, {
      code: totp.generate(),
      password: NEW_PASSWORD,
    });
    expect([enabled.status, enabled.body.code]).toEqual([200, undefined]);
    // Wait for the next 30-second step (a code is good once), then sign in with a fresh code.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    const withCode = await call(api.base, 'POST', '/auth/login', undefined, {
      email,
      password: NEW_PASSWORD,
      otp: totp.generate(),
    });
    expect([withCode.status, withCode.body.code]).toEqual([200, undefined]);
  });

  it('accepts a self check-in code straight from the venue screen, shown by a process 60 s apart', async () => {
    const start = Date.now() + 5 * 60_000;
    const { eventId, organizer } = await publishedEvent(api.base, url, {
      sessions: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
      ],
    });
    const [founder] = await makeUsers(url, 1);
    expect((await call(api.base, 'POST', `/events/${eventId}/registrations`, founder.token, {})).status).toBe(
      201,
    );
    const event = await call(api.base, 'GET', `/events/${eventId}`, organizer.token);
    const sessionId = (event.body.sessions as unknown as { id: string }[])[0].id;
    // The venue screen is served by another API process whose clock is off the other way.
    const partner = await startApi(
      { DATABASE_URL: url, SMTP_URL: sink.url, OUTBOX_POLL_MS: '0' },
      undefined,
      { clockSkewSeconds: -skew },
    );
    let screen;
    try {
      screen = await call(partner.base, 'GET', `/sessions/${sessionId}/self-check-in-code`, organizer.token);
    } finally {
      await partner.stop();
    }
    expect(screen.status).toBe(200);
    const checkIn = await call(api.base, 'POST', `/sessions/${sessionId}/self-check-in`, founder.token, {
      code: screen.body.code,
    });
    expect([checkIn.status, checkIn.body.code]).toEqual([201, undefined]);
  });
});
