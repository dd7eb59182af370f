import { DataSource } from 'typeorm';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { typeormOptions } from '../../apps/api/src/database/typeorm-options';
import { OPEN_BOOKINGS_PER_FOUNDER } from '../../apps/api/src/office-hours/office-hours.service';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { email, mailedCode, signup, startTestApp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

/**
 * Issue 15, point 5: sign-up gave a working account for any address, and mailed that address a
 * welcome with the text the attacker chose as a name. An account is now verified with a code mailed
 * on sign-up before it receives any other mail, registers or books.
 */
describe('verified accounts (issue 15, point 5)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let c: Carrier;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '50' });
    c = await setUpCarrier(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The mails the address received, once `count` have arrived (the outbox sends every 50 ms). */
  const mailsTo = async (address: string, count = 1) => {
    const until = Date.now() + 10_000;
    while (smtp.to(address).length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return smtp.to(address);
  };

  it('refuses registering and booking until the mailed code is entered (403 EMAIL_NOT_VERIFIED), then allows both', async () => {
    const event = await publishedEvent(t, c);
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const founder = await signup(t, {}, { verified: false });
    expect((await t.http.get('/api/me').set(founder.auth).expect(200)).body).toMatchObject({
      verified: false,
      emailVerified: false,
    });

    const register = () => t.http.post(`/api/events/${event.id}/registrations`).set(founder.auth).send({});
    const book = () =>
      t.http
        .post(`/api/mentors/${mentor.id}/bookings`)
        .set(founder.auth)
        .send({ startsAt: slot.startsAt, topic: '融资' });
    for (const refused of [await register(), await book()]) {
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    }
    const en = await register().set('Accept-Language', 'en');
    expect(en.body.message).toContain('Verify your email');
    const [{ seats }] = await t.db.query(`SELECT seats_taken AS seats FROM events WHERE id = $1`, [event.id]);
    expect(seats).toBe(0);

    // The code from the real mail.
    const [mail] = await mailsTo(founder.email);
    const code = /(\d{6})/.exec(mail.subject ?? '')![1];
    const confirmed = await t.http.post('/api/me/email/confirm').set(founder.auth).send({ code }).expect(200);
    expect(confirmed.body).toMatchObject({ verified: true, emailVerified: true });
    expect((await register().expect(201)).body.status).toBe('confirmed');
    await book().expect(201);
    const again = await t.http.post('/api/me/email/confirm').set(founder.auth).send({ code }).expect(409);
    expect(again.body.code).toBe('ALREADY_VERIFIED');
  });

  it("mails a stranger's address nothing but the code, without the name typed at sign-up", async () => {
    const victim = email('victim');
    const attacker = await signup(
      t,
      { email: victim, displayName: '中奖通知：请登录 http://evil.test 领取' },
      { verified: false },
    );
    // Everything that would mail a signed-in account: a password change, a reset request.
    const changed = await t.http
      .post('/api/me/password')
      .set(attacker.auth)
      .send({ currentPassword: 'Correct-Horse-9', newPassword: 'Another-Horse-7' })
      .expect(200);
    await t.http.post('/api/auth/password-reset').send({ email: victim }).expect(202);
    const mails = await mailsTo(victim, 2);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^梧桐邮箱验证码：\d{6}$/),
      '重置您的梧桐密码',
    ]);
    for (const m of mails) {
      expect(`${m.subject} ${m.text} ${m.html}`).not.toContain('evil.test');
      expect(m.text).not.toContain('中奖通知');
    }
    const welcome = await t.db.query(
      `SELECT 1 FROM outbox_messages WHERE recipient = $1 AND template <> ALL($2)`,
      [victim, ['verifyEmail', 'passwordReset']],
    );
    expect(welcome).toEqual([]);

    // The address's owner takes the account over with the reset link: it is verified, and the
    // attacker's sessions end.
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mails[1].text ?? '')![1];
    await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'Owner-Horse-55' })
      .expect(200);
    await t.http.get('/api/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(401);
    const owner = await t.http
      .post('/api/auth/login')
      .send({ email: victim, password: 'Owner-Horse-55' })
      .expect(200);
    expect(owner.body.user.verified).toBe(true);
  });

  it('kills a code after 5 wrong tries, sends a new one at most once a minute, and only the newest counts', async () => {
    const founder = await signup(t, {}, { verified: false });
    const first = await mailedCode(t, founder.email);
    const wrong = first === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/me/email/confirm')
        .set(founder.auth)
        .send({ code: wrong })
        .expect(400);
      expect(res.body.code).toBe('WRONG_CODE');
    }
    // Out of tries: even the right code no longer works.
    await t.http.post('/api/me/email/confirm').set(founder.auth).send({ code: first }).expect(400);
    await t.http.post('/api/me/email/confirm').set(founder.auth).send({ code: '12345' }).expect(400);

    // A new code: not within a minute of the last one.
    const soon = await t.http.post('/api/me/email/code').set(founder.auth).expect(429);
    expect(soon.body.code).toBe('RATE_LIMITED');
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(60);
    await t.db.query(
      `UPDATE one_time_codes SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`,
      [founder.id],
    );
    await t.http.post('/api/me/email/code').set(founder.auth).expect(202);
    const second = await mailedCode(t, founder.email);
    await t.http.post('/api/me/email/confirm').set(founder.auth).send({ code: second }).expect(200);
    await t.http.post('/api/me/email/code').set(founder.auth).expect(409);
    const [{ rows }] = await t.db.query(
      `SELECT count(*)::int AS rows FROM one_time_codes WHERE user_id = $1 AND code_hash LIKE $2`,
      [founder.id, `%${second}%`],
    );
    expect(rows).toBe(0); // only a keyed hash is stored
  });

  it(`caps upcoming bookings per founder across mentors at ${OPEN_BOOKINGS_PER_FOUNDER} (409 OPEN_BOOKINGS_LIMIT)`, async () => {
    const founder = await signup(t);
    const mentors = [await makeMentor(t), await makeMentor(t), await makeMentor(t)];
    const slots = await Promise.all(mentors.map((m) => slotsOf(t, m.id)));
    const book = (i: number, k: number) =>
      t.http
        .post(`/api/mentors/${mentors[i].id}/bookings`)
        .set(founder.auth)
        .send({ startsAt: slots[i][k].startsAt, topic: '占位' });
    // Two at a time with each of the first mentors (one mentor's own limit is theirs to set).
    const answers = await Promise.all(
      Array.from({ length: OPEN_BOOKINGS_PER_FOUNDER + 3 }, (_, n) => book(n % 3, Math.floor(n / 3))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(OPEN_BOOKINGS_PER_FOUNDER);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
      Array(3).fill('OPEN_BOOKINGS_LIMIT'),
    );
    const [{ open }] = await t.db.query(
      `SELECT count(*)::int AS open FROM bookings WHERE founder_id = $1 AND status = 'confirmed'`,
      [founder.id],
    );
    expect(open).toBe(OPEN_BOOKINGS_PER_FOUNDER);
  });
});

describe('sign-ups per client address (issue 15, point 5)', () => {
  it('allows AUTH_SIGNUP_LIMIT new accounts per address, then 429 with the wait', async () => {
    const t = await startTestApp({ AUTH_RATE_LIMIT: '100/60', AUTH_SIGNUP_LIMIT: '3/86400' });
    try {
      const answers: number[] = [];
      for (let i = 0; i < 5; i++)
        answers.push(
          (
            await t.http
              .post('/api/auth/signup')
              .send({ email: email('throwaway'), password: 'Correct-Horse-9', displayName: '小号' })
          ).status,
        );
      expect(answers).toEqual([201, 201, 201, 429, 429]);
      const refused = await t.http
        .post('/api/auth/signup')
        .send({ email: email('throwaway'), password: 'Correct-Horse-9', displayName: '小号' })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000);
      // Signing in is another matter.
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users`);
      expect(count).toBe(3);
    } finally {
      await t.close();
    }
  });
});

describe('existing accounts when verification arrives (migration 1764652100000)', () => {
  it('counts accounts that took part as verified, and gives their companies an owner', async () => {
    const name = uniqueName('verify-migration');
    const url = await createDatabase(name);
    const ds = new DataSource(typeormOptions({ databaseUrl: url, databasePoolSize: 2 }));
    try {
      await runMigrations({ databaseUrl: url });
      await ds.initialize();
      const applied = async () =>
        (await ds.query(`SELECT 1 FROM migrations WHERE name = 'AccountVerification1764652100000'`)).length;
      while (await applied()) await ds.undoLastMigration({ transaction: 'each' });

      const [org] = await ds.query(`INSERT INTO organizations (name) VALUES ('迁移载体') RETURNING id`);
      const [company] = await ds.query(`INSERT INTO companies (name) VALUES ('迁移科技') RETURNING id`);
      const user = async (tag: string, roles: string[] = []) =>
        (
          await ds.query(
            `INSERT INTO users (email, password_hash, display_name, roles, company_id) VALUES ($1, 'x', $2, $3, $4) RETURNING id`,
            [`${tag}@migration.cn`, tag, roles, company.id],
          )
        )[0].id as string;
      const bare = await user('bare');
      const registered = await user('registered');
      const admin = await user('admin', ['admin']);
      const organizer = await user('organizer');
      await ds.query(`INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2)`, [
        org.id,
        organizer,
      ]);
      const [event] = await ds.query(
        `INSERT INTO events (organization_id, type, title, capacity, starts_at, ends_at)
         VALUES ($1, 'salon', '沙龙', 10, now() + interval '1 day', now() + interval '1 day 2 hours') RETURNING id`,
        [org.id],
      );
      await ds.query(
        `INSERT INTO registrations (event_id, organization_id, user_id, status) VALUES ($1, $2, $3, 'pending_approval')`,
        [event.id, org.id, registered],
      );

      await ds.runMigrations({ transaction: 'each' });
      const rows: { id: string; verified: boolean }[] = await ds.query(
        `SELECT id, verified_at IS NOT NULL AND email_verified_at IS NOT NULL AS verified FROM users`,
      );
      const verified = new Map(rows.map((r) => [r.id, r.verified]));
      expect([bare, registered, admin, organizer].map((id) => verified.get(id))).toEqual([
        false,
        true,
        true,
        true,
      ]);
      // The company's owner: its verified member with the oldest account (the bare one is not verified).
      const [{ owner_id }] = await ds.query(`SELECT owner_id FROM companies WHERE id = $1`, [company.id]);
      expect(owner_id).toBe(registered);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase(name);
    }
  });
});
