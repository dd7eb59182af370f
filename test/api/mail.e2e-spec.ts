import { createApp } from '../../apps/api/src/app.factory';
import { OutboxWorker } from '../../apps/api/src/notifications/outbox.worker';
import { freePort } from '../support/ports';
import { SmtpSink } from '../support/smtp-sink';
import { email, signup, startTestApp, type TestApp } from '../support/test-app';

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('mail through the outbox and a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '50' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails a new account only its verification code, in its language, and the welcome once the code is entered', async () => {
    const zh = await signup(t, { displayName: '测试用户' }, { verified: false });
    const en = await signup(
      t,
      { locale: 'en', displayName: 'Mallory: click http://evil.test' },
      { verified: false },
    );
    const zhCode = await waitFor(() => smtp.to(zh.email)[0], 'the Chinese verification mail');
    const enCode = await waitFor(() => smtp.to(en.email)[0], 'the English verification mail');
    expect(zhCode.subject).toMatch(/^梧桐邮箱验证码：\d{6}$/);
    expect(enCode.subject).toMatch(/^Your Wutong verification code: \d{6}$/);
    // Nothing the person who signed up typed reaches the address before its owner confirms it.
    expect(enCode.text).not.toContain('evil.test');
    expect(enCode.html).not.toContain('evil.test');
    expect(zhCode.text).not.toContain('测试用户');

    for (const [user, mail] of [
      [zh, zhCode],
      [en, enCode],
    ] as const) {
      const code = /(\d{6})/.exec(mail.subject ?? '')![1];
      expect(mail.text).toContain(`http://wutong.test/verify-email?code=${code}`);
      const me = await t.http.post('/api/me/email/confirm').set(user.auth).send({ code }).expect(200);
      expect(me.body).toMatchObject({ verified: true, emailVerified: true });
    }
    const zhMail = await waitFor(() => smtp.to(zh.email)[1], 'the Chinese welcome mail');
    const enMail = await waitFor(() => smtp.to(en.email)[1], 'the English welcome mail');
    expect(zhMail.subject).toBe('欢迎加入梧桐');
    expect(enMail.subject).toBe('Welcome to Wutong');
    expect(zhMail.text).toContain('测试用户');
    expect(zhMail.html).toContain('http://wutong.test');
  });

  it('mails a reset link that sets a new password once, ending every session', async () => {
    const user = await signup(t);
    await t.http.post('/api/auth/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
    const mail = await waitFor(
      () => smtp.to(user.email).find((m) => m.subject === '重置您的梧桐密码'),
      'the reset mail',
    );
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(token).toBeDefined();

    const weak = await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: '12345678' })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'Reset-Horse-42' })
      .expect(200);
    await t.http.get('/api/me').set(user.auth).expect(401);
    await t.http.post('/api/auth/login').send({ email: user.email, password: 'Reset-Horse-42' }).expect(200);

    const again = await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'Another-Horse-43' })
      .expect(400);
    expect(again.body.code).toBe('INVALID_RESET_TOKEN');
    await t.http.post('/api/auth/login').send({ email: user.email, password: 'Reset-Horse-42' }).expect(200);
  });

  it('lets only one of two simultaneous uses of a reset link through', async () => {
    const user = await signup(t);
    await t.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const mail = await waitFor(
      () => smtp.to(user.email).find((m) => m.subject === '重置您的梧桐密码'),
      'the reset mail',
    );
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
    const answers = await Promise.all(
      ['Race-Horse-One-1', 'Race-Horse-Two-2'].map((password) =>
        t.http.post('/api/auth/password-reset/confirm').send({ token, password }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    const nobody = email('nobody');
    await t.http.post('/api/auth/password-reset').send({ email: nobody }).expect(202);
    await t.drainOutbox();
    expect(smtp.to(nobody)).toHaveLength(0);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE recipient = $1`,
      [nobody],
    );
    expect(count).toBe(0);
  });

  it('refuses a made-up reset token', async () => {
    const res = await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token: 'made-up', password: 'Reset-Horse-42' })
      .expect(400);
    expect(res.body.code).toBe('INVALID_RESET_TOKEN');
  });
});

describe('the outbox while the SMTP server is down', () => {
  it('retries with backoff and delivers exactly once when the server is back', async () => {
    const port = await freePort();
    const t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOX_POLL_MS: '0',
      // Long enough that the second pass below comes before it even on a busy machine.
      OUTBOX_RETRY_BASE_MS: '2000',
    });
    const smtp = new SmtpSink();
    try {
      // Unverified: the verification mail is the only one.
      const user = await signup(t, {}, { verified: false });
      // Server down: each pass fails and pushes the next attempt further out.
      await t.drainOutbox();
      let [row] = await t.db.query(
        `SELECT status, attempts, last_error FROM outbox_messages WHERE recipient = $1`,
        [user.email],
      );
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/ECONNREFUSED/);
      await t.drainOutbox(); // not due yet: backoff holds it back
      [row] = await t.db.query(`SELECT attempts FROM outbox_messages WHERE recipient = $1`, [user.email]);
      expect(row.attempts).toBe(1);
      await new Promise((r) => setTimeout(r, 2_200));
      await t.drainOutbox();
      [row] = await t.db.query(`SELECT attempts FROM outbox_messages WHERE recipient = $1`, [user.email]);
      expect(row.attempts).toBe(2);

      await smtp.start(port);
      await new Promise((r) => setTimeout(r, 4_300));
      // Several workers at once (as in several processes) still send it once.
      await Promise.all([t.drainOutbox(), startSecondWorker(t)]);
      await t.drainOutbox();
      expect(smtp.to(user.email)).toHaveLength(1);
      [row] = await t.db.query(`SELECT status, attempts, sent_at FROM outbox_messages WHERE recipient = $1`, [
        user.email,
      ]);
      expect(row).toMatchObject({ status: 'sent', attempts: 3 });
      expect(row.sent_at).not.toBeNull();
    } finally {
      await t.close();
      await smtp.stop();
    }
  });

  it('never sends a mail twice when many workers drain at once', async () => {
    const smtp = await new SmtpSink().start();
    const t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '0' });
    try {
      const users = [];
      for (let i = 0; i < 30; i++) users.push(await signup(t, {}, { verified: false }));
      const workers = await Promise.all([1, 2, 3].map(() => startTestWorkerApp(t)));
      await Promise.all(workers.map((w) => w.drain()));
      await t.drainOutbox();
      for (const w of workers) await w.close();
      expect(smtp.mails).toHaveLength(30);
      expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(30);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

/** Another application instance on the same database, as a second process would be. */
async function startTestWorkerApp(
  t: TestApp,
): Promise<{ drain: () => Promise<number>; close: () => Promise<void> }> {
  const app = await createApp({ ...t.config, outboxPollMs: 0 });
  await app.init();
  return { drain: () => app.get(OutboxWorker).drain(), close: () => app.close() };
}

async function startSecondWorker(t: TestApp): Promise<void> {
  const worker = await startTestWorkerApp(t);
  await worker.drain();
  await worker.close();
}
