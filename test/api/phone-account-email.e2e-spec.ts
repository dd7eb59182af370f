import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMobile, textsIn } from '../support/sms-files';
import { SmtpSink } from '../support/smtp-sink';
import { email, signup, startTestApp, type TestApp } from '../support/test-app';

const mobile = () => freshMobile('137');

/**
 * An account made by phone has no email and no password; it adds both later (issue 17, point 1):
 * the address is confirmed with a mailed code, the first password needs no current one, and then
 * the person signs in either way.
 */
describe('an account made by phone adds an email and a password', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let smsDir: string;

  beforeAll(async () => {
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-sms-'));
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMS_DIR: smsDir, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '50' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    rmSync(smsDir, { recursive: true, force: true });
  });

  /** Signs a new number up by the texted code: the session of a founder with a phone only. */
  async function phoneFounder(): Promise<{ phone: string; auth: { Authorization: string } }> {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    await t.drainOutbox();
    const text = textsIn(smsDir).find((x) => x.to === `+86${phone}`);
    if (!text) throw new Error(`no text to ${phone}`);
    const res = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code: text.params.code, displayName: '手机创业者' })
      .expect(200);
    return { phone, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  /** The code of the newest mail that arrived at the address (the outbox sends every 50 ms). */
  async function codeMailedTo(address: string, count: number): Promise<string> {
    const until = Date.now() + 10_000;
    while (smtp.to(address).length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const mail = smtp.to(address).at(count - 1);
    const code = /(\d{6})/.exec(mail?.subject ?? '')?.[1];
    if (!code) throw new Error(`no code mailed to ${address}`);
    return code;
  }

  it('adds an email with the mailed code, sets a first password without a current one, then signs in by email', async () => {
    const { auth } = await phoneFounder();
    const before = await t.http.get('/api/me').set(auth).expect(200);
    expect(before.body).toMatchObject({
      email: null,
      emailVerified: false,
      hasPassword: false,
      verified: true,
    });

    // Nothing to resend or confirm before an address is given.
    expect((await t.http.post('/api/me/email/code').set(auth).send({}).expect(409)).body.code).toBe(
      'EMAIL_REQUIRED',
    );
    expect(
      (await t.http.post('/api/me/email/confirm').set(auth).send({ code: '123456' }).expect(409)).body.code,
    ).toBe('EMAIL_REQUIRED');
    expect(
      (await t.http.post('/api/me/email').set(auth).send({ email: 'not an address' }).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');

    const address = email('phone-first');
    await t.http.post('/api/me/email').set(auth).send({ email: address.toUpperCase() }).expect(202);
    const code = await codeMailedTo(address, 1);
    // Given but not confirmed: the account shows the address as unconfirmed.
    expect((await t.http.get('/api/me').set(auth).expect(200)).body).toMatchObject({
      email: address,
      emailVerified: false,
    });
    // One code a minute, as for the verification code of a sign-up.
    expect(
      (await t.http.post('/api/me/email').set(auth).send({ email: address }).expect(429)).body.code,
    ).toBe('RATE_LIMITED');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      (await t.http.post('/api/me/email/confirm').set(auth).send({ code: wrong }).expect(400)).body.code,
    ).toBe('WRONG_CODE');
    const confirmed = await t.http.post('/api/me/email/confirm').set(auth).send({ code }).expect(200);
    expect(confirmed.body).toMatchObject({ email: address, emailVerified: true, hasPassword: false });
    // A confirmed address is changed by no one through this route.
    expect(
      (
        await t.http
          .post('/api/me/email')
          .set(auth)
          .send({ email: email('other') })
          .expect(409)
      ).body.code,
    ).toBe('ALREADY_VERIFIED');

    // No password yet: email sign-in fails as for any wrong password.
    await t.http
      .post('/api/auth/login')
      .send({ email: address, password: 'Phone-First-Founder-7' })
      .expect(401);
    const set = await t.http
      .post('/api/me/password')
      .set(auth)
      .send({ newPassword: 'Phone-First-Founder-7' })
      .expect(200);
    const fresh = { Authorization: `Bearer ${set.body.accessToken}` };
    expect((await t.http.get('/api/me').set(fresh).expect(200)).body.hasPassword).toBe(true);
    // From now on a change needs the current password.
    expect(
      (
        await t.http
          .post('/api/me/password')
          .set(fresh)
          .send({ newPassword: 'Another-Phone-Pass-8' })
          .expect(400)
      ).body.code,
    ).toBe('WRONG_PASSWORD');
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: address, password: 'Phone-First-Founder-7' })
      .expect(200);
    expect(login.body.user).toMatchObject({ email: address, displayName: '手机创业者' });
  });

  it("refuses another account's address (409 EMAIL_TAKEN) and keeps the account as it was", async () => {
    const other = await signup(t);
    const { auth } = await phoneFounder();
    const taken = await t.http.post('/api/me/email').set(auth).send({ email: other.email }).expect(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    expect((await t.http.get('/api/me').set(auth).expect(200)).body.email).toBeNull();
    await t.drainOutbox();
    // Its owner got the code of its own sign-up, and no other.
    expect(smtp.to(other.email).filter((m) => /\d{6}/.test(m.subject ?? ''))).toHaveLength(1);
  });

  it('replaces an unconfirmed address given by mistake: the code goes to the new one', async () => {
    const { auth } = await phoneFounder();
    const typo = email('typo');
    await t.http.post('/api/me/email').set(auth).send({ email: typo }).expect(202);
    await codeMailedTo(typo, 1);
    // The minute between codes passes (the codes' clock is the database's).
    await t.db.query(`UPDATE one_time_codes SET created_at = created_at - interval '2 minutes'`);
    const right = email('right');
    await t.http.post('/api/me/email').set(auth).send({ email: right }).expect(202);
    const code = await codeMailedTo(right, 1);
    // Until it is confirmed the address gets its code and nothing else (the phone verified the
    // account, not the address): choosing a password mails no notice to it.
    const set = await t.http
      .post('/api/me/password')
      .set(auth)
      .send({ newPassword: 'Phone-First-Founder-7' })
      .expect(200);
    await t.drainOutbox();
    expect(smtp.to(right)).toHaveLength(1);
    expect(smtp.to(typo)).toHaveLength(1);
    const fresh = { Authorization: `Bearer ${set.body.accessToken}` };
    const confirmed = await t.http.post('/api/me/email/confirm').set(fresh).send({ code }).expect(200);
    expect(confirmed.body).toMatchObject({ email: right, emailVerified: true });
  });

  it('asks who is asking', async () => {
    await t.http.post('/api/me/email').send({ email: email() }).expect(401);
  });
});
