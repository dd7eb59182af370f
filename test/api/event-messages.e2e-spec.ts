import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MESSAGE_TEMPLATE_TEXTS,
  MESSAGES_PER_EVENT_HOUR,
  type EventMessageDryRun,
  type EventMessageSent,
  type EventMessageView,
  type EventView,
} from '@wutong/shared';
import { SmtpSink } from '../support/smtp-sink';
import { textsIn } from '../support/sms-files';
import { publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { signup, type SignedUp, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 18, point 3: an organizer writes to one segment of an event (or one session) by mail and
 * text. Registrations in every state, check-ins (and a walk-in) are written straight into the
 * database; the first session is moved into the past, the second stays ahead: any day works.
 */
describe('messages to a segment of an event (issue 18, point 3)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let smsDir: string;
  let a: Carrier;
  let b: Carrier;
  let event: EventView;
  let past: string;
  let ahead: string;
  /** c1 came to the past session; c2 came to nothing (English, with a verified mobile); c3 came to the coming one only. */
  const people: Record<'c1' | 'c2' | 'c3' | 'w1' | 'p1' | 'x1', SignedUp> = {} as never;
  const phone = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-sms-'));
    t = await startTestApp({ SMTP_URL: smtp.url, SMS_DIR: smsDir });
    a = await setUpCarrier(t);
    b = await setUpCarrier(t, a.admin);
    event = await publishedEvent(t, a, { sessions: sessions(2, 7), title: '早期融资沙龙' });
    [past, ahead] = event.sessions.map((s) => s.id);
    await t.db.query(
      `UPDATE event_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [past],
    );
    const statuses = {
      c1: 'confirmed',
      c2: 'confirmed',
      c3: 'confirmed',
      w1: 'waitlisted',
      p1: 'pending_approval',
      x1: 'cancelled',
    } as const;
    for (const [key, status] of Object.entries(statuses) as [keyof typeof statuses, string][]) {
      const user = await signup(t, {
        displayName: `成员${key}`,
        locale: key === 'c2' ? 'en' : 'zh-CN',
      });
      people[key] = user;
      await t.db.query(
        `INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, waitlist_seq)
         VALUES ($1, $2, $3, $4, CASE WHEN $4 IN ('confirmed','cancelled') THEN $5 END, CASE WHEN $4 = 'waitlisted' THEN 1 END)`,
        [event.id, a.organizationId, user.id, status, randomUUID()],
      );
    }
    await t.db.query(`UPDATE users SET verified_phone = $2 WHERE id = $1`, [people.c2.id, phone]);
    const checkIn = (who: SignedUp, session: string) =>
      t.db.query(
        `INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, method)
         SELECT organization_id, event_id, $2, id, user_id, 'search' FROM registrations WHERE event_id = $1 AND user_id = $3`,
        [event.id, session, who.id],
      );
    await checkIn(people.c1, past);
    await checkIn(people.c3, ahead);
    // A walk-in with a phone: not a registrant, in no segment.
    await t.db.query(
      `INSERT INTO check_ins (organization_id, event_id, session_id, walk_in_key, walk_in_name, walk_in_phone, method)
       VALUES ($1, $2, $3, 'walkin-1', '路人甲', '+8613700000000', 'walk_in')`,
      [a.organizationId, event.id, past],
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    rmSync(smsDir, { recursive: true, force: true });
  });

  const message = (overrides: Record<string, unknown> = {}) => ({
    segment: 'confirmed',
    subject: '{event} 通知',
    body: '{name}，您好！{event} 于 {start} 在 {place} 举行。',
    channels: ['email'],
    ...overrides,
  });
  /** Delivers every queued message: its mails and texts fall due ten a second, so this drains until none waits. */
  async function deliver(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await t.drainOutbox();
      const [{ n }] = await t.db.query(
        `SELECT (SELECT count(*) FROM outbox_messages WHERE status = 'pending')::int
                + (SELECT count(*) FROM sms_outbox WHERE status = 'pending')::int AS n`,
      );
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the outbox did not drain');
  }
  const post = (body: object, who: SignedUp = a.organizer, id = event.id) =>
    t.http.post(`/api/events/${id}/messages`).set(who.auth).send(body);

  /** A dry run: the count, and the text rendered for the segment's first person. */
  async function dryRun(segment: string, sessionId?: string): Promise<EventMessageDryRun> {
    const res = await post(message({ segment, sessionId, dryRun: true })).expect(200);
    return res.body;
  }

  it('selects exactly the right people for each segment, of the event and of one session', async () => {
    const expected: [string, string | undefined, number][] = [
      ['confirmed', undefined, 3],
      ['waitlisted', undefined, 1],
      ['pending_approval', undefined, 1],
      ['checked_in', undefined, 2],
      ['checked_in', past, 1],
      ['checked_in', ahead, 1],
      ['no_show', undefined, 1],
      ['no_show', past, 2],
      // The coming session has not ended: nobody has missed it yet.
      ['no_show', ahead, 0],
    ];
    for (const [segment, sessionId, count] of expected) {
      const res = await dryRun(segment, sessionId);
      expect({ segment, sessionId, recipients: res.recipients }).toEqual({
        segment,
        sessionId,
        recipients: count,
      });
    }
    // The sample reader of a segment of one person is that person.
    expect((await dryRun('waitlisted')).preview['zh-CN'].body).toContain('成员w1');
    expect((await dryRun('pending_approval')).preview.en.body).toContain('成员p1');
    expect((await dryRun('no_show')).preview['zh-CN'].body).toContain('成员c2');
  });

  it('previews both languages and sends nothing on a dry run', async () => {
    const texts = MESSAGE_TEMPLATE_TEXTS.see_you_tomorrow;
    const res = await post(
      message({
        segment: 'no_show',
        sessionId: past,
        channels: ['email', 'sms'],
        subject: texts['zh-CN'].subject,
        body: texts['zh-CN'].body,
        translations: { en: texts.en },
        dryRun: true,
      }),
    ).expect(200);
    const body: EventMessageDryRun = res.body;
    expect(body).toMatchObject({ recipients: 2, email: 2, sms: 1 });
    expect(body.preview['zh-CN'].subject).toBe('明天见：早期融资沙龙');
    expect(body.preview.en.subject).toBe('See you tomorrow: 早期融资沙龙');
    expect(body.preview['zh-CN'].body).not.toMatch(/\{(name|event|start|place)\}/);
    expect(body.preview.en.body).toMatch(/^Hello 成员c[23], 早期融资沙龙 starts /);
    expect(body.preview['zh-CN'].sms).toMatch(/^【梧桐】成员c[23]，您好！/);
    await t.drainOutbox();
    const [{ n }] = await t.db.query(
      `SELECT (SELECT count(*) FROM event_messages)::int + (SELECT count(*) FROM sms_outbox)::int
              + (SELECT count(*) FROM outbox_messages WHERE template = 'eventMessage')::int AS n`,
    );
    expect(n).toBe(0);
    expect(smtp.mails.filter((m) => m.subject?.includes('明天见'))).toEqual([]);
  });

  it('queues one mail per recipient in their language and a text to the verified mobile, audited and listed', async () => {
    const texts = MESSAGE_TEMPLATE_TEXTS.sorry_we_missed_you;
    const res = await post(
      message({
        segment: 'no_show',
        sessionId: past,
        channels: ['email', 'sms'],
        subject: texts['zh-CN'].subject,
        body: texts['zh-CN'].body,
        translations: { en: texts.en },
      }),
    ).expect(202);
    const sent: EventMessageSent = res.body;
    expect(sent).toMatchObject({ recipients: 2, email: 2, sms: 1 });
    // Queued at the bounded rate: the second mail falls due a tenth of a second after the first.
    const due: { next_attempt_at: Date }[] = await t.db.query(
      `SELECT next_attempt_at FROM outbox_messages WHERE batch_id = $1 ORDER BY next_attempt_at`,
      [sent.id],
    );
    expect(due[1].next_attempt_at.getTime() - due[0].next_attempt_at.getTime()).toBe(100);
    await deliver();
    const c2Mails = smtp.to(people.c2.email).filter((m) => m.subject?.includes('missed'));
    const c3Mails = smtp.to(people.c3.email).filter((m) => m.subject?.includes('没见到'));
    expect(c2Mails.map((m) => m.subject)).toEqual(['We missed you at 早期融资沙龙']);
    expect(c2Mails[0].text).toContain('Hello 成员c2, we missed you at 早期融资沙龙.');
    expect(c3Mails.map((m) => m.subject)).toEqual(['早期融资沙龙：这次没见到您']);
    expect(c3Mails[0].text).toContain('成员c3，您好！');
    // Nobody else of the event got it, the walk-in included.
    for (const key of ['c1', 'w1', 'p1', 'x1'] as const)
      expect(smtp.to(people[key].email).filter((m) => m.subject?.includes('早期融资沙龙'))).toEqual([]);
    expect(textsIn(smsDir)).toEqual([
      {
        to: phone,
        kind: 'event_message',
        text: '【梧桐】Hello 成员c2, we missed you at 早期融资沙龙. We hope to see you at our next event.',
        // For template providers (Aliyun, Tencent): the words, without the sign name they add themselves.
        params: {
          text: 'Hello 成员c2, we missed you at 早期融资沙龙. We hope to see you at our next event.',
        },
      },
    ]);

    const [audit] = await t.db.query(
      `SELECT actor_id, organization_id, details FROM audit_log WHERE action = 'event.message.send' AND target_id = $1`,
      [event.id],
    );
    expect(audit).toMatchObject({
      actor_id: a.organizer.id,
      organization_id: a.organizationId,
      details: { messageId: sent.id, segment: 'no_show', sessionId: past, recipients: 2, email: 2, sms: 1 },
    });

    const list = await t.http.get(`/api/events/${event.id}/messages`).set(a.organizer.auth).expect(200);
    const listed = (list.body as EventMessageView[]).find((m) => m.id === sent.id);
    expect(listed).toMatchObject({
      segment: 'no_show',
      sessionId: past,
      subject: texts['zh-CN'].subject,
      channels: ['email', 'sms'],
      recipients: 2,
      sender: { id: a.organizer.id },
      email: { sent: 2, failed: 0, pending: 0 },
      sms: { sent: 1, failed: 0, pending: 0 },
    });
    // Another carrier's organizer sees none of it.
    await t.http.get(`/api/events/${event.id}/messages`).set(b.organizer.auth).expect(404);
  });

  it('sends a message once however often it is submitted, in parallel or again', async () => {
    const id = randomUUID();
    const body = message({ id, segment: 'checked_in', subject: '感谢参加 {event}', body: '{name}，谢谢！' });
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    for (const r of answers) expect(r.body).toEqual({ id, recipients: 2, email: 2, sms: 0 });
    await post(body).expect(202);
    await deliver();
    for (const key of ['c1', 'c3'] as const)
      expect(smtp.to(people[key].email).filter((m) => m.subject === '感谢参加 早期融资沙龙')).toHaveLength(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM event_messages WHERE id = $1`, [id]);
    expect(n).toBe(1);
    // The same id for another event is refused, not sent there.
    const other = await publishedEvent(t, a);
    const taken = await post(body, a.organizer, other.id).expect(409);
    expect(taken.body.code).toBe('MESSAGE_ID_TAKEN');
  });

  it('refuses founders, other carriers, bad segments, foreign sessions, empty text and links in a text', async () => {
    const founder = await signup(t);
    expect((await post(message({ dryRun: true }), founder).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await post(message(), b.organizer).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await post(message(), a.organizer, randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http.get(`/api/events/${event.id}/messages`).set(founder.auth).expect(403);
    expect((await post(message({ segment: 'everyone' })).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post(message({ body: '   ' })).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post(message({ subject: '' })).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post(message({ channels: [] })).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post(message({ channels: ['fax'] })).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const otherEvent = await publishedEvent(t, a);
    const foreign = await post(message({ sessionId: otherEvent.sessions[0].id })).expect(400);
    expect(foreign.body.code).toBe('SESSION_NOT_IN_EVENT');
    await post(message({ sessionId: randomUUID() })).expect(400);
    const link = await post(
      message({ channels: ['sms'], body: '详情见 https://example.cn/e', dryRun: true }),
    ).expect(400);
    expect(link.body.code).toBe('SMS_LINK_NOT_ALLOWED');
    // By mail the same link is fine.
    await post(message({ channels: ['email'], body: '详情见 https://example.cn/e', dryRun: true })).expect(
      200,
    );
    const long = await post(
      message({ segment: 'no_show', channels: ['sms'], body: '很长的通知'.repeat(50), dryRun: true }),
    ).expect(400);
    expect(long.body).toMatchObject({ code: 'SMS_TOO_LONG', details: { max: 200 } });
    // Nothing of these reached the outbox.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM event_messages WHERE event_id = $1 AND body LIKE '%example.cn%'`,
      [event.id],
    );
    expect(n).toBe(0);
  });

  it(`lets one organizer send at most ${MESSAGES_PER_EVENT_HOUR} messages an hour for one event`, async () => {
    const quiet = await publishedEvent(t, a);
    for (let i = 0; i < MESSAGES_PER_EVENT_HOUR; i++)
      await post(message({ subject: `第 ${i + 1} 条` }), a.organizer, quiet.id).expect(202);
    const refused = await post(message(), a.organizer, quiet.id).expect(429);
    expect(refused.body).toMatchObject({
      code: 'MESSAGE_LIMIT_REACHED',
      details: { limit: MESSAGES_PER_EVENT_HOUR },
    });
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(0);
    // A dry run still previews, and another organizer of the carrier (the admin) may still send.
    await post(message({ dryRun: true }), a.organizer, quiet.id).expect(200);
    await post(message(), a.admin, quiet.id).expect(202);
    // An hour later the allowance is back.
    await t.db.query(
      `UPDATE event_messages SET created_at = created_at - interval '61 minutes' WHERE event_id = $1`,
      [quiet.id],
    );
    await post(message(), a.organizer, quiet.id).expect(202);
  });
});
