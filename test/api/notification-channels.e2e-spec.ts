import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMobile, textsIn, type SentText } from '../support/sms-files';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../apps/api/src/config/app-config';
import { MailerService } from '../../apps/api/src/notifications/mailer.service';
import { OutboxRenderers } from '../../apps/api/src/notifications/outbox-renderers';
import { OutboxWorker } from '../../apps/api/src/notifications/outbox.worker';
import { PublicAddress } from '../../apps/api/src/notifications/public-address';
import { SMS_PROVIDER } from '../../apps/api/src/notifications/sms/sms-provider';
import { shortWhen } from '../../apps/api/src/notifications/sms/sms-texts';
import { SessionRemindersWorker } from '../../apps/api/src/registrations/session-reminders.worker';
import { publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

jest.setTimeout(60_000);

const mobile = () => freshMobile('137');

describe('notices by mail, text or both, by the person’s choice', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let smsDir: string;
  let c: Carrier;
  /** A second outbox worker of its own (another process would have one): passes run truly in parallel. */
  let other: OutboxWorker;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-sms-'));
    t = await startTestApp({ SMTP_URL: smtp.url, SMS_DIR: smsDir });
    c = await setUpCarrier(t);
    other = new OutboxWorker(
      t.app.get(DataSource),
      t.app.get(MailerService),
      t.app.get(APP_CONFIG),
      t.app.get(PublicAddress),
      t.app.get(SMS_PROVIDER),
      t.app.get(OutboxRenderers),
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    rmSync(smsDir, { recursive: true, force: true });
  });

  /** Every outbox pass at once (two workers, three passes), then the texts to this number. */
  async function deliver(): Promise<void> {
    await Promise.all([t.drainOutbox(), other.drain(), t.drainOutbox()]);
  }
  function textsTo(phone: string): SentText[] {
    return textsIn(smsDir).filter((x) => x.to === phone);
  }
  const mailsTo = (address: string, subject: RegExp) =>
    smtp.to(address).filter((m) => subject.test(m.subject ?? ''));

  /** A founder with a verified email and a verified phone, and a notices choice. */
  async function withPhone(
    choice: 'email' | 'sms' | 'both',
    overrides: Record<string, unknown> = {},
  ): Promise<SignedUp & { phone: string }> {
    const user = await signup(t, overrides);
    const phone = `+86${mobile()}`;
    await t.db.query(`UPDATE users SET verified_phone = $2 WHERE id = $1`, [user.id, phone]);
    const me = await t.http
      .patch('/api/me')
      .set(user.auth)
      .send({ notificationChannels: choice })
      .expect(200);
    expect(me.body.notificationChannels).toBe(choice);
    return { ...user, phone };
  }

  it('confirms a phone-only founder’s registration by text (in Chinese, short, no link), and mails nothing', async () => {
    const local = mobile();
    await t.http.post('/api/auth/sms-code').send({ phone: local, purpose: 'login' }).expect(202);
    await deliver();
    const code = textsTo(`+86${local}`).at(-1)!.params.code;
    const login = await t.http
      .post('/api/auth/sms-login')
      .send({ phone: local, code, displayName: '手机创业者' })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const me = await t.http.get('/api/me').set(auth).expect(200);
    expect(me.body.notificationChannels).toBe('both');

    const event = await publishedEvent(t, c, { title: '手机报名沙龙' });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);
    const reg = await t.http.post(`/api/events/${event.id}/registrations`).set(auth).send({}).expect(201);
    expect(reg.body.status).toBe('confirmed');
    await deliver();

    const [confirmation, ...more] = textsTo(`+86${local}`).filter((x) => x.kind === 'registration_confirmed');
    expect(more).toEqual([]);
    expect(confirmation.text).toMatch(/^【梧桐】您已成功报名「手机报名沙龙」/);
    expect(confirmation.text.length).toBeLessThanOrEqual(70);
    expect(confirmation.text).not.toMatch(/https?:|www\./);
    expect(confirmation.params).toEqual(expect.objectContaining({ event: '手机报名沙龙' }));
    const after = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);
    expect(after[0].n).toBe(before[0].n);
    // The delivery is kept with the text as it went.
    const [row] = await t.db.query(
      `SELECT status, text_body, provider_ref FROM sms_outbox WHERE recipient = $1 AND kind = 'registration_confirmed'`,
      [`+86${local}`],
    );
    expect(row).toEqual({ status: 'sent', text_body: confirmation.text, provider_ref: expect.any(String) });
  });

  it('sends "email" mail only, and "both" a mail and a text, each exactly once however many passes run', async () => {
    const mailOnly = await withPhone('email');
    const both = await withPhone('both', { locale: 'en' });
    const event = await publishedEvent(t, c, { title: 'Channels salon' });
    await Promise.all(
      [mailOnly, both].map((u) =>
        t.http.post(`/api/events/${event.id}/registrations`).set(u.auth).send({}).expect(201),
      ),
    );
    await deliver();
    await deliver();

    expect(mailsTo(mailOnly.email, /Channels salon/)).toHaveLength(1);
    expect(textsTo(mailOnly.phone)).toEqual([]);
    expect(mailsTo(both.email, /Channels salon/)).toHaveLength(1);
    const texts = textsTo(both.phone);
    expect(texts).toHaveLength(1);
    // English for an English reader, the sign name first all the same.
    expect(texts[0].text).toMatch(/^【梧桐】You're registered for "Channels salon"/);
    expect(texts[0].text.length).toBeLessThanOrEqual(90);
  });

  it('tells the promoted registrant and everyone of a cancelled event by their channels', async () => {
    const seated = await withPhone('sms');
    const waiting = await withPhone('both');
    const mailOnly = await withPhone('email');
    const event = await publishedEvent(t, c, { title: '候补晋级沙龙', capacity: 1, waitlistEnabled: true });
    const first = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(seated.auth)
      .send({})
      .expect(201);
    const second = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(waiting.auth)
      .send({})
      .expect(201);
    expect(second.body.status).toBe('waitlisted');
    await t.http.post(`/api/events/${event.id}/registrations`).set(mailOnly.auth).send({}).expect(201);
    await t.http.post(`/api/registrations/${first.body.id}/cancel`).set(seated.auth).expect(200);
    await deliver();

    const kinds = (u: { phone: string }) => textsTo(u.phone).map((x) => x.kind);
    expect(kinds(waiting)).toEqual(['registration_waitlisted', 'registration_promoted']);
    expect(textsTo(waiting.phone)[0].text).toContain('候补名单第1位');
    expect(mailsTo(waiting.email, /候补晋级沙龙/)).toHaveLength(2);
    // "sms": texts for these notices, no mail of them.
    expect(kinds(seated)).toEqual(['registration_confirmed']);
    expect(mailsTo(seated.email, /^报名成功：候补晋级沙龙/)).toEqual([]);

    await t.http.post(`/api/events/${event.id}/cancel`).set(c.organizer.auth).send({}).expect(200);
    await deliver();
    expect(kinds(waiting).filter((k) => k === 'event_cancelled')).toHaveLength(1);
    expect(textsTo(waiting.phone).at(-1)!.text).toBe('【梧桐】很抱歉，「候补晋级沙龙」已取消。');
    expect(kinds(mailOnly)).toEqual([]);
    const cancelledMails = (u: SignedUp) =>
      smtp.to(u.email).filter((m) => /候补晋级沙龙/.test(m.subject ?? '') && /取消/.test(m.subject ?? ''));
    expect(cancelledMails(mailOnly).length).toBeGreaterThanOrEqual(1);
    expect(cancelledMails(waiting).length).toBeGreaterThanOrEqual(1);
  });

  it('texts a booking’s confirmation and cancellation to a founder who chose texts, with no mail of either', async () => {
    const mentor = await makeMentor(t);
    const founder = await withPhone('sms');
    const [slot] = await slotsOf(t, mentor.id);
    const booked = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: slot.startsAt, topic: '短信通知测试' })
      .expect(201);
    expect(booked.body.status).toBe('confirmed');
    await t.http
      .post(`/api/bookings/${booked.body.id}/cancel`)
      .set(founder.auth)
      .send({ reason: '改期' })
      .expect(200);
    await deliver();
    const texts = textsTo(founder.phone);
    expect(texts.map((x) => x.kind)).toEqual(['booking_confirmed', 'booking_cancelled']);
    expect(texts[0].text).toMatch(/^【梧桐】您与周导师的辅导已确认：/);
    // The time as the founder reads it: written by the outbox worker in the founder's zone.
    const [{ time_zone }] = await t.db.query(`SELECT time_zone FROM users WHERE id = $1`, [founder.id]);
    expect(texts[0].text).toContain(`：${shortWhen(new Date(slot.startsAt), time_zone, 'zh-CN')}。`);
    for (const x of texts) expect(x.text.length).toBeLessThanOrEqual(70);
    expect(smtp.to(founder.email).filter((m) => /短信通知测试|周导师/.test(m.text ?? ''))).toEqual([]);
    // The mentor kept the default and has no phone: mail, as before.
    expect(smtp.to(mentor.email).filter((m) => /短信通知测试/.test(m.text ?? '')).length).toBe(2);
  });

  it('reminds at the event’s own offset: [60] reminds an hour before, not a day before', async () => {
    const founder = await withPhone('both');
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const soon = await publishedEvent(t, c, {
      title: '一小时提醒',
      reminderOffsetsMinutes: [60],
      sessions: [{ startsAt: at(50), endsAt: at(110) }],
    });
    expect(soon.reminderOffsetsMinutes).toEqual([60]);
    const later = await publishedEvent(t, c, {
      title: '明天的活动',
      reminderOffsetsMinutes: [60],
      sessions: [{ startsAt: at(20 * 60), endsAt: at(22 * 60) }],
    });
    for (const e of [soon, later])
      await t.http.post(`/api/events/${e.id}/registrations`).set(founder.auth).send({}).expect(201);
    const worker = t.app.get(SessionRemindersWorker);
    const claimed = await Promise.all([worker.run(), worker.run()]);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await worker.run()).toBe(0);
    await deliver();
    const reminders = textsTo(founder.phone).filter((x) => x.kind === 'session_reminder');
    expect(reminders.map((x) => x.params.event)).toEqual(['一小时提醒']);
    // The mail says it starts soon: an hour ahead is not "see you tomorrow".
    const reminderMails = smtp.to(founder.email).filter((m) => /一小时提醒/.test(m.subject ?? ''));
    expect(reminderMails.map((m) => m.subject)).toContain('活动即将开始：一小时提醒');
    const [row] = await t.db.query(
      `SELECT offset_minutes FROM session_reminders r JOIN event_sessions s ON s.id = r.session_id WHERE s.event_id = $1`,
      [soon.id],
    );
    expect(row.offset_minutes).toBe(60);
    // The default is a day and two hours before.
    const plain = await publishedEvent(t, c);
    expect(plain.reminderOffsetsMinutes).toEqual([1440, 120]);
  });

  it('refuses reminder offsets outside 0–3 values of 15 minutes to 14 days', async () => {
    const base = (await publishedEvent(t, c)).id;
    for (const bad of [[10], [14 * 1440 + 1], [60, 120, 180, 240], [60, 60], ['60'], [90.5], 60, null]) {
      const res = await t.http
        .patch(`/api/events/${base}`)
        .set(c.organizer.auth)
        .send({ reminderOffsetsMinutes: bad })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const ok = await t.http
      .patch(`/api/events/${base}`)
      .set(c.organizer.auth)
      .send({ reminderOffsetsMinutes: [15, 14 * 1440] })
      .expect(200);
    expect(ok.body.reminderOffsetsMinutes).toEqual([14 * 1440, 15]);
    const none = await t.http
      .patch(`/api/events/${base}`)
      .set(c.organizer.auth)
      .send({ reminderOffsetsMinutes: [] })
      .expect(200);
    expect(none.body.reminderOffsetsMinutes).toEqual([]);
  });

  it('refuses a notices choice other than email, sms or both, and keeps the one set', async () => {
    const user = await signup(t);
    for (const bad of ['mail', 'EMAIL', '', null, 3, ['sms']]) {
      const res = await t.http
        .patch('/api/me')
        .set(user.auth)
        .send({ notificationChannels: bad })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await t.http.patch('/api/me').set(user.auth).send({ notificationChannels: 'sms' }).expect(200);
    expect((await t.http.get('/api/me').set(user.auth).expect(200)).body.notificationChannels).toBe('sms');
    await t.http.patch('/api/me').send({ notificationChannels: 'email' }).expect(401);
  });
});
