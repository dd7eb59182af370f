/**
 * Issue #8, 5(d): two reminder schedulers at once (two application instances on one database, as two
 * API processes would be) pass over the same sessions and bookings again and again; every reminder
 * must reach the SMTP server exactly once.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/app.factory';
import { OutboxWorker } from '../../apps/api/src/notifications/outbox.worker';
import { RemindersWorker } from '../../apps/api/src/office-hours/reminders.worker';
import { SessionRemindersWorker } from '../../apps/api/src/registrations/session-reminders.worker';
import { bulkFounders, makeMentor, slotsOf } from '../api/mentors-helpers';
import { publishedEvent, setUpCarrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { manyFounders, startTestApp, type TestApp } from '../support/test-app';
import { pool } from '../support/api-process';

jest.setTimeout(170_000);

const EVENTS = 5;
const REGISTRANTS = 10;
const BOOKINGS = 6;
const HOUR = 3600_000;

describe('two reminder schedulers at once', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: sink.url, OUTBOX_POLL_MS: '0', DATABASE_POOL_SIZE: '20' });
    other = await createApp({ ...t.config, outboxPollMs: 0 });
    await other.init();
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
    await sink?.stop();
  });

  it('sends each session and office-hours reminder once', async () => {
    // Sessions starting within the next 24 hours, each with confirmed registrants.
    const carrier = await setUpCarrier(t);
    const founders = await manyFounders(t, REGISTRANTS, 'remind');
    for (let e = 0; e < EVENTS; e++) {
      const startsAt = Date.now() + (2 + e * 2) * HOUR;
      const event = await publishedEvent(t, carrier, {
        title: `创业沙龙第 ${e + 1} 期`,
        capacity: REGISTRANTS,
        sessions: [
          { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR).toISOString() },
        ],
      });
      await pool(founders, 8, (f) =>
        t.http.post(`/api/events/${event.id}/registrations`).set(f.auth).send({}).expect(201),
      );
    }

    // Office hours booked more than a day ahead, so that both the 24 h and the 1 h reminder are due.
    const mentor = await makeMentor(t);
    const slots = (await slotsOf(t, mentor.id, 7)).filter(
      (s) => Date.parse(s.startsAt) > Date.now() + 30 * HOUR,
    );
    const bookers = await bulkFounders(t, BOOKINGS);
    const booked = bookers.map((f, i) => ({ founder: f, slot: slots[i * 3] }));
    for (const b of booked)
      await t.http
        .post(`/api/mentors/${mentor.id}/bookings`)
        .set(b.founder.auth)
        .send({ startsAt: b.slot.startsAt, topic: '产品定价怎么做' })
        .expect(201);
    await t.drainOutbox();
    const before = sink.mails.length;

    const schedulers = [t.app, other].map((app) => ({
      sessions: app.get(SessionRemindersWorker),
      officeHours: app.get(RemindersWorker),
      outbox: app.get(OutboxWorker),
    }));
    // Session reminders: both schedulers, five passes each, at the same moments.
    let sessionClaims = 0;
    for (let round = 0; round < 5; round++) {
      const claimed = await Promise.all(schedulers.flatMap((s) => [s.sessions.run(), s.sessions.run()]));
      sessionClaims += claimed.reduce((a, b) => a + b, 0);
    }
    // Office-hours reminders: a clock sweeping from 30 h before the first booking to the last one,
    // hour by hour; at each step both schedulers look twice at once.
    const starts = booked.map((b) => Date.parse(b.slot.startsAt));
    let bookingClaims = 0;
    for (let now = Math.min(...starts) - 30 * HOUR; now <= Math.max(...starts); now += HOUR) {
      const at = new Date(now);
      const claimed = await Promise.all(
        schedulers.flatMap((s) => [s.officeHours.sendDue(at), s.officeHours.sendDue(at)]),
      );
      bookingClaims += claimed.reduce((a, b) => a + b, 0);
    }
    // Both outbox workers deliver at once.
    await Promise.all(schedulers.map((s) => s.outbox.drain()));
    await Promise.all(schedulers.map((s) => s.outbox.drain()));

    const mails = sink.mails.slice(before);
    const sessionReminders = mails.filter((m) =>
      /^(明天见|See you tomorrow|活动即将开始|Starting soon|活动提醒|Coming up)/.test(m.subject ?? ''),
    );
    const officeReminders = mails.filter((m) => /^(辅导提醒|Reminder: )/.test(m.subject ?? ''));
    const ids = new Map<string, number>();
    for (const m of mails) ids.set(m.messageId!, (ids.get(m.messageId!) ?? 0) + 1);
    const duplicated = [...ids.values()].filter((n) => n > 1).length;
    const key = (m: (typeof mails)[number]) => `${JSON.stringify(m.to)}|${m.subject}`;
    const sameMailTwice = (list: typeof mails) => list.length - new Set(list.map(key)).size;

    console.log(
      [
        'chaos (d) two reminder schedulers at once',
        `  session reminders: ${EVENTS} sessions claimed ${sessionClaims} times by 2 schedulers × 2 passes × 5 rounds; mails ${sessionReminders.length} (expected ${EVENTS * REGISTRANTS}), same mail twice ${sameMailTwice(sessionReminders)}`,
        `  office-hours reminders: ${BOOKINGS} bookings claimed ${bookingClaims} times; mails ${officeReminders.length} (expected ${BOOKINGS * 4}: 24 h and 1 h, founder and mentor), same mail twice ${sameMailTwice(officeReminders)}`,
        `  Message-IDs delivered twice ${duplicated}`,
      ].join('\n'),
    );
    expect(sessionClaims).toBe(EVENTS);
    expect(sessionReminders).toHaveLength(EVENTS * REGISTRANTS);
    expect(bookingClaims).toBe(BOOKINGS * 2);
    expect(officeReminders).toHaveLength(BOOKINGS * 4);
    for (const f of founders)
      expect(sessionReminders.filter((m) => JSON.stringify(m.to).includes(f.email))).toHaveLength(EVENTS);
    for (const b of booked)
      expect(officeReminders.filter((m) => JSON.stringify(m.to).includes(b.founder.email))).toHaveLength(2);
    expect(sameMailTwice(sessionReminders)).toBe(0);
    expect(sameMailTwice(officeReminders)).toBe(0);
    expect(duplicated).toBe(0);
  });
});
