import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMobile, textsIn, type SentText } from '../support/sms-files';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { call, sleep, startApi, type ApiProcess } from '../support/api-process';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { signup, startTestApp, type TestApp } from '../support/test-app';

const mobile = () => freshMobile('139');

describe('phone sign-in (texted codes, the file SMS provider)', () => {
  let t: TestApp;
  let smsDir: string;

  beforeAll(async () => {
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-sms-'));
    t = await startTestApp({ SMS_DIR: smsDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(smsDir, { recursive: true, force: true });
  });

  /** Delivers the outbox and answers the texts to this number, oldest first. */
  async function textsTo(phone: string): Promise<SentText[]> {
    await t.drainOutbox();
    return textsIn(smsDir).filter((x) => x.to === phone);
  }

  async function codeFor(phone: string): Promise<string> {
    const texts = await textsTo(phone);
    const last = texts.at(-1);
    if (!last) throw new Error(`no text to ${phone}`);
    return last.params.code;
  }

  const e164 = (local: string) => `+86${local}`;

  it('signs a new number up as a founder: one text with the code, then a session', async () => {
    const phone = mobile();
    const sent = await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    expect(sent.body).toEqual({ accepted: true });
    const texts = await textsTo(e164(phone));
    expect(texts).toHaveLength(1);
    expect(texts[0].kind).toBe('login_code');
    expect(texts[0].params.code).toMatch(/^\d{6}$/);
    expect(texts[0].text).toBe(`【梧桐】您的验证码是${texts[0].params.code}，5分钟内有效。`);
    expect(texts[0].text).not.toMatch(/https?:/);
    // Draining again sends nothing more: each text leaves once.
    await t.drainOutbox();
    expect(await textsTo(e164(phone))).toHaveLength(1);

    const code = texts[0].params.code;
    // The number is new: the name is asked for (and the code still works after that answer).
    const noName = await t.http.post('/api/auth/sms-login').send({ phone, code }).expect(400);
    expect(noName.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(noName.body.details)).toContain('displayName');
    const res = await t.http
      .post('/api/auth/sms-login')
      .send({ phone: e164(phone), code, displayName: '手机用户' })
      .expect(200);
    expect(res.body.created).toBe(true);
    expect(res.body.user).toMatchObject({
      email: null,
      verifiedPhone: e164(phone),
      displayName: '手机用户',
      verified: true,
    });
    expect(typeof res.body.accessToken).toBe('string');
    const me = await t.http
      .get('/api/me')
      .set({ Authorization: `Bearer ${res.body.accessToken}` })
      .expect(200);
    expect(me.body.verifiedPhone).toBe(e164(phone));
    // The code was used: not again.
    await t.http.post('/api/auth/sms-login').send({ phone, code, displayName: 'x' }).expect(401);
    // Stored hashed: the code is nowhere in the table.
    const stored: { code_hash: string }[] = await t.db.query(
      `SELECT code_hash FROM phone_codes WHERE phone = $1`,
      [e164(phone)],
    );
    expect(stored.every((r) => !r.code_hash.includes(code))).toBe(true);
  });

  it('signs the same person in again by phone, without a new account', async () => {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const first = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code: await codeFor(e164(phone)), displayName: '回头客' })
      .expect(200);
    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
      [e164(phone)],
    );
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const again = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code: await codeFor(e164(phone)) })
      .expect(200);
    expect(again.body.created).toBe(false);
    expect(again.body.user.id).toBe(first.body.user.id);
  });

  it('answers an unknown number exactly like a known one', async () => {
    const known = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone: known, purpose: 'login' }).expect(202);
    await t.http
      .post('/api/auth/sms-login')
      .send({ phone: known, code: await codeFor(e164(known)), displayName: '已知' })
      .expect(200);
    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
      [e164(known)],
    );
    const a = await t.http.post('/api/auth/sms-code').send({ phone: known, purpose: 'login' });
    const b = await t.http.post('/api/auth/sms-code').send({ phone: mobile(), purpose: 'login' });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
  });

  it('texts one code a minute per number (429 with Retry-After) and ten a day', async () => {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const soon = await t.http
      .post('/api/auth/sms-code')
      .send({ phone: e164(phone), purpose: 'login' })
      .expect(429);
    expect(soon.body.code).toBe('RATE_LIMITED');
    const wait = Number(soon.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    for (let i = 1; i < 10; i++) {
      await t.db.query(
        `UPDATE phone_codes SET created_at = created_at - interval '61 seconds' WHERE phone = $1`,
        [e164(phone)],
      );
      await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    }
    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '61 seconds' WHERE phone = $1`,
      [e164(phone)],
    );
    const eleventh = await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(60);
    expect(await textsTo(e164(phone))).toHaveLength(10);
  });

  it('kills a code after five wrong tries', async () => {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const code = await codeFor(e164(phone));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/auth/sms-login')
        .send({ phone, code: wrong, displayName: '猜' })
        .expect(401);
      expect(res.body.code).toBe('INVALID_CODE');
    }
    await t.http.post('/api/auth/sms-login').send({ phone, code, displayName: '猜' }).expect(401);
  });

  it('ends a code after five minutes', async () => {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const code = await codeFor(e164(phone));
    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '5 minutes 1 second',
                              expires_at = expires_at - interval '5 minutes 1 second' WHERE phone = $1`,
      [e164(phone)],
    );
    const res = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code, displayName: '迟到' })
      .expect(401);
    expect(res.body.code).toBe('INVALID_CODE');
  });

  it.each(['12345', '+14155552671', '010-88888888', '1380013800', 'not a phone', '+86 138 0013 8000 9'])(
    'refuses %s as a number (400 VALIDATION_FAILED)',
    async (phone) => {
      const res = await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      await t.http.post('/api/auth/sms-login').send({ phone, code: '123456', displayName: 'x' }).expect(400);
    },
  );

  it('lets an email account add a verified phone and then sign in by it; another account gets PHONE_TAKEN', async () => {
    const owner = await signup(t);
    const phone = mobile();
    await t.http.post('/api/me/phone').set(owner.auth).send({ phone }).expect(202);
    const [text] = await textsTo(e164(phone));
    expect(text.kind).toBe('verify_code');
    await t.http
      .post('/api/me/phone/confirm')
      .set(owner.auth)
      .send({ phone, code: '999999' === text.params.code ? '000000' : '999999' })
      .expect(400);
    const confirmed = await t.http
      .post('/api/me/phone/confirm')
      .set(owner.auth)
      .send({ phone, code: text.params.code })
      .expect(200);
    expect(confirmed.body).toEqual({ phone: e164(phone) });

    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
      [e164(phone)],
    );
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const byPhone = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code: await codeFor(e164(phone)) })
      .expect(200);
    expect(byPhone.body).toMatchObject({ created: false, user: { id: owner.id, email: owner.email } });

    const other = await signup(t);
    const taken = await t.http.post('/api/me/phone').set(other.auth).send({ phone }).expect(409);
    expect(taken.body.code).toBe('PHONE_TAKEN');
  });

  it('refuses a deactivated account as password sign-in does', async () => {
    const phone = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const made = await t.http
      .post('/api/auth/sms-login')
      .send({ phone, code: await codeFor(e164(phone)), displayName: '停用' })
      .expect(200);
    await t.db.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [made.body.user.id]);
    await t.db.query(
      `UPDATE phone_codes SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
      [e164(phone)],
    );
    await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const res = await t.http.post('/api/auth/sms-login').send({ phone, code: await codeFor(e164(phone)) });
    expect(res.body.code).toBe('ACCOUNT_DEACTIVATED');
  });

  it('refuses an SMS provider this version does not have, at startup, naming SMS_PROVIDER', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x', SMS_PROVIDER: 'aliyun' })).toThrow(
      /SMS_PROVIDER/,
    );
  });
});

describe('phone sign-in in a real API process: codes never reach the log', () => {
  const name = uniqueName('smslog');
  let api: ApiProcess;
  let smsDir: string;

  beforeAll(async () => {
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-sms-log-'));
    api = await startApi({
      DATABASE_URL: await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE),
      LOG_LEVEL: 'debug',
      OUTBOX_POLL_MS: '50',
      SMS_DIR: smsDir,
      MAIL_DIR: `tmp/mail/${name}`,
    });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await dropDatabase(name);
    rmSync(smsDir, { recursive: true, force: true });
  });

  it('logs the sending and the sign-in, never the code', async () => {
    const phone = `136${String(process.pid % 100_000_000).padStart(8, '0')}`;
    expect(
      (await call(api.base, 'POST', '/auth/sms-code', undefined, { phone, purpose: 'login' })).status,
    ).toBe(202);
    let code: string | undefined;
    for (let i = 0; i < 200 && !code; i++) {
      const [first] = textsIn(smsDir);
      if (first) code = first.params.code;
      else await sleep(50);
    }
    if (!code) throw new Error('no text was written');
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await call(api.base, 'POST', '/auth/sms-login', undefined, { phone, code: wrong })).status).toBe(
      401,
    );
    const ok = await call(api.base, 'POST', '/auth/sms-login', undefined, {
      phone,
      code,
      displayName: '日志',
    });
    expect(ok.status).toBe(200);
    await sleep(200);
    const log = api.output();
    expect(log).toContain('sms.code_sent');
    // Not as a number of its own (timestamps and ids may hold the same digits inside longer runs).
    expect(log).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`));
  });
});
