import ICAL from 'ical.js';
import { RemindersWorker } from '../../apps/api/src/office-hours/reminders.worker';
import { setUpCarrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { bulkFounders, makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

jest.setTimeout(60_000);

const book = (
  t: TestApp,
  mentorId: string,
  who: SignedUp,
  startsAt: string,
  extra: Record<string, unknown> = {},
) =>
  t.http
    .post(`/api/mentors/${mentorId}/bookings`)
    .set(who.auth)
    .send({ startsAt, topic: '融资路演材料怎么准备', ...extra });

/** Moves a booking into the past (as if time had passed), keeping its length. */
async function startedAgo(t: TestApp, id: string, hours: number): Promise<void> {
  await t.db.query(
    `UPDATE bookings SET starts_at = now() - make_interval(hours => $2), ends_at = now() - make_interval(hours => $2) + (ends_at - starts_at) WHERE id = $1`,
    [id, hours],
  );
}

describe('booking office hours without double booking', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url, DATABASE_POOL_SIZE: '20' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('gives a slot to exactly one of 200 founders booking it at once; the other 199 get 409 SLOT_UNAVAILABLE', async () => {
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const founders = await bulkFounders(t, 200);
    const answers = await Promise.all(founders.map((f) => book(t, mentor.id, f, slot.startsAt)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'SLOT_UNAVAILABLE')).toBe(
      true,
    );
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE mentor_id = $1`, [
      mentor.id,
    ]);
    expect(count).toBe(1);
    const winner = answers.find((a) => a.status === 201)!;
    expect(winner.body).toMatchObject({ status: 'confirmed', startsAt: slot.startsAt, endsAt: slot.endsAt });
    // The slot is no longer offered.
    expect((await slotsOf(t, mentor.id)).map((s) => s.startsAt)).not.toContain(slot.startsAt);
  });

  it('spreads 50 founders racing over 20 slots into 20 bookings that never overlap', async () => {
    const mentor = await makeMentor(t);
    const slots = (await slotsOf(t, mentor.id)).slice(0, 20);
    const founders = await bulkFounders(t, 50);
    const answers = await Promise.all(
      founders.map((f, i) => book(t, mentor.id, f, slots[(i * 7) % 20].startsAt)),
    );
    // Losers try the remaining slots once, still in parallel.
    const taken = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.startsAt as string));
    const losers = founders.filter((_, i) => answers[i].status !== 201);
    const free = slots.filter((s) => !taken.has(s.startsAt));
    const second = await Promise.all(
      losers.map((f, i) =>
        book(t, mentor.id, f, free[i % Math.max(free.length, 1)]?.startsAt ?? slots[0].startsAt),
      ),
    );
    expect([...answers, ...second].every((a) => a.status === 201 || a.body.code === 'SLOT_UNAVAILABLE')).toBe(
      true,
    );
    const rows: { starts_at: Date }[] = await t.db.query(
      `SELECT starts_at FROM bookings WHERE mentor_id = $1 AND status = 'confirmed'`,
      [mentor.id],
    );
    expect(rows).toHaveLength(20);
    const [{ overlaps }] = await t.db.query(
      `SELECT count(*)::int AS overlaps FROM bookings a JOIN bookings b
          ON a.mentor_id = b.mentor_id AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.mentor_id = $1 AND a.status <> 'cancelled' AND b.status <> 'cancelled'`,
      [mentor.id],
    );
    expect(overlaps).toBe(0);
    expect(
      await slotsOf(t, mentor.id).then((s) => s.filter((x) => slots.some((y) => y.startsAt === x.startsAt))),
    ).toEqual([]);
  });

  it('lets the database refuse an overlap even when the API is bypassed', async () => {
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const [a, b] = await bulkFounders(t, 2);
    await book(t, mentor.id, a, slot.startsAt).expect(201);
    await expect(
      t.db.query(
        `INSERT INTO bookings (mentor_id, founder_id, starts_at, ends_at, topic, time_zone)
         VALUES ($1, $2, $3::timestamptz + interval '30 minutes', $3::timestamptz + interval '90 minutes', 'x', 'UTC')`,
        [mentor.id, b.id, slot.startsAt],
      ),
    ).rejects.toThrow(/bookings_no_overlap/);
  });

  it('queues the confirmation as a small row the outbox renders when it sends, as the booking was made, once', async () => {
    const mentor = await makeMentor(t);
    const [slot, , later] = await slotsOf(t, mentor.id);
    const founder = await signup(t);
    const booked = await book(t, mentor.id, founder, slot.startsAt).expect(201);
    // Nothing is rendered in the request: the row holds the template, the address and the booking.
    const queued: { subject: string | null; params: Record<string, unknown> }[] = await t.db.query(
      `SELECT subject, params FROM outbox_messages WHERE template = 'bookingConfirmed' AND params->>'bookingId' = $1`,
      [booked.body.id],
    );
    expect(queued).toHaveLength(2);
    expect(queued.every((q) => q.subject === null)).toBe(true);
    expect(queued.map((q) => q.params.role).sort()).toEqual(['founder', 'mentor']);
    // Moved before the worker's pass: the confirmation still shows the booked time and its invite's
    // sequence; the move comes in its own mail with the next sequence.
    await t.http
      .post(`/api/bookings/${booked.body.id}/reschedule`)
      .set(founder.auth)
      .send({ startsAt: later.startsAt })
      .expect(200);
    await t.drainOutbox();
    await t.drainOutbox();
    for (const who of [founder, mentor]) {
      const confirms = smtp.to(who.email).filter((m) => m.subject?.startsWith('辅导预约已确认'));
      expect(confirms).toHaveLength(1);
      const ics = confirms[0].attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
      const invite = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
      expect(invite.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(invite.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe(`booking-${booked.body.id}@wutong`);
      expect(event.sequence).toBe(0);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(slot.startsAt).toISOString());
      expect(confirms[0].text).toContain('融资路演材料怎么准备');
      const moved = smtp.to(who.email).filter((m) => m.subject?.startsWith('辅导时间已调整'));
      expect(moved).toHaveLength(1);
      const movedIcs = moved[0].attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
      const movedEvent = new ICAL.Event(
        new ICAL.Component(ICAL.parse(movedIcs.content.toString('utf8'))).getFirstSubcomponent('vevent')!,
      );
      expect(movedEvent.sequence).toBe(1);
      expect(movedEvent.startDate.toJSDate().toISOString()).toBe(new Date(later.startsAt).toISOString());
    }
    const sent: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE template = 'bookingConfirmed' AND params->>'bookingId' = $1 AND status = 'sent' AND subject IS NOT NULL`,
      [booked.body.id],
    );
    expect(sent[0].n).toBe(2);
  });

  it('frees a cancelled slot for the next founder, and tells both sides with a CANCEL invite', async () => {
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const first = await signup(t);
    const second = await signup(t, { locale: 'en' });
    const booked = await book(t, mentor.id, first, slot.startsAt).expect(201);
    await book(t, mentor.id, second, slot.startsAt).expect(409);
    // The mentor cancels; the slot is offered again and the second founder gets it.
    const cancelled = await t.http
      .post(`/api/bookings/${booked.body.id}/cancel`)
      .set(mentor.auth)
      .send({ reason: '临时出差' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await slotsOf(t, mentor.id)).map((s) => s.startsAt)).toContain(slot.startsAt);
    const rebooked = await book(t, mentor.id, second, slot.startsAt).expect(201);
    const again = await t.http
      .post(`/api/bookings/${booked.body.id}/cancel`)
      .set(first.auth)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('BOOKING_NOT_ACTIVE');

    await t.drainOutbox();
    const confirm = smtp.to(first.email).find((m) => m.subject?.startsWith('辅导预约已确认'))!;
    const cancel = smtp.to(first.email).find((m) => m.subject?.startsWith('辅导预约已取消'))!;
    expect(cancel.text).toContain('临时出差');
    const calendarOf = (mail: typeof confirm) => {
      const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
      return new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
    };
    const invite = calendarOf(confirm);
    expect(invite.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(invite.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`booking-${booked.body.id}@wutong`);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(slot.startsAt).toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date(slot.endsAt).toISOString());
    expect(event.description).toBe('融资路演材料怎么准备');
    const cancelCal = calendarOf(cancel);
    expect(cancelCal.getFirstPropertyValue('method')).toBe('CANCEL');
    const cancelEvent = new ICAL.Event(cancelCal.getFirstSubcomponent('vevent')!);
    expect(cancelEvent.uid).toBe(event.uid);
    expect(cancelEvent.sequence).toBeGreaterThan(event.sequence);
    // The mentor gets both mails too; the English-speaking founder's confirmation is in English.
    expect(smtp.to(mentor.email).filter((m) => m.subject?.startsWith('辅导预约已取消'))).toHaveLength(1);
    expect(smtp.to(second.email).find((m) => m.subject?.startsWith('Office hours booked'))).toBeDefined();
    expect(rebooked.body.founder.id).toBe(second.id);
  });

  it('names the bookings that fall on a new day off, keeps them, and lets the mentor cancel each with a word', async () => {
    const mentor = await makeMentor(t);
    const slots = await slotsOf(t, mentor.id, 7);
    // Two slots on one (UTC, the mentor's zone) day, well ahead, and one on another day.
    const day = slots[30].startsAt.slice(0, 10);
    const sameDay = slots.filter((s) => s.startsAt.startsWith(day)).slice(0, 2);
    const otherDay = slots.find((s) => !s.startsAt.startsWith(day) && s.startsAt > sameDay[1].startsAt)!;
    const [a, b] = [
      await signup(t, { displayName: '休息日甲' }),
      await signup(t, { displayName: '休息日乙' }),
    ];
    const onDay = [
      (await book(t, mentor.id, a, sameDay[0].startsAt).expect(201)).body.id,
      (await book(t, mentor.id, b, sameDay[1].startsAt).expect(201)).body.id,
    ];
    const kept = (await book(t, mentor.id, a, otherDay.startsAt).expect(201)).body.id;

    const saved = await t.http
      .put('/api/me/availability')
      .set(mentor.auth)
      .send({ ...OPEN_ALL_DAY, overrides: [{ date: day, unavailable: true }] })
      .expect(200);
    expect(saved.body.bookingsOnDaysOff.map((x: { id: string }) => x.id)).toEqual(onDay);
    expect(saved.body.bookingsOnDaysOff[0]).toMatchObject({
      founderName: '休息日甲',
      topic: '融资路演材料怎么准备',
    });
    // Saving took nothing away: the bookings stand until the mentor decides.
    const status = async (id: string) =>
      (await t.http.get(`/api/bookings/${id}`).set(mentor.auth).expect(200)).body.status;
    expect([await status(onDay[0]), await status(onDay[1]), await status(kept)]).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    // Cancelled with one word to each founder (what the web app's dialog sends).
    for (const id of onDay)
      await t.http
        .post(`/api/bookings/${id}/cancel`)
        .set(mentor.auth)
        .send({ reason: '当天有课，抱歉' })
        .expect(200);
    await t.drainOutbox();
    for (const who of [a, b])
      expect(smtp.to(who.email).find((m) => m.subject?.startsWith('辅导预约已取消'))?.text).toContain(
        '当天有课，抱歉',
      );
    // Saved again, the day off has nothing left on it.
    const again = await t.http
      .put('/api/me/availability')
      .set(mentor.auth)
      .send({ ...OPEN_ALL_DAY, overrides: [{ date: day, unavailable: true }] })
      .expect(200);
    expect(again.body.bookingsOnDaysOff).toEqual([]);
  });

  it('answers a retry with the same Idempotency-Key with the first booking, and stores one row', async () => {
    const mentor = await makeMentor(t);
    const [s1, s2] = await slotsOf(t, mentor.id);
    const founder = await signup(t);
    const key = 'retry-7f3a9c';
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => book(t, mentor.id, founder, s1.startsAt).set('Idempotency-Key', key)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    // Even a retry whose body drifted returns the first answer.
    const drift = await book(t, mentor.id, founder, s2.startsAt).set('Idempotency-Key', key).expect(200);
    expect(drift.body.startsAt).toBe(s1.startsAt);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM bookings WHERE founder_id = $1`,
      [founder.id],
    );
    expect(count).toBe(1);
  });

  it('refuses times that are not offered: outside the rules, inside the notice, in the past, over the daily maximum', async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, minNoticeHours: 24, maxPerDay: 1 });
    const founder = await signup(t);
    const codes = async (startsAt: string) =>
      (await book(t, mentor.id, founder, startsAt).expect(409)).body.code;
    const slots = await slotsOf(t, mentor.id);
    const first = new Date(slots[0].startsAt);
    expect(await codes(new Date(first.getTime() + 30 * 60_000).toISOString())).toBe('SLOT_UNAVAILABLE'); // off the grid
    expect(await codes(new Date(Date.now() + 3 * 3600_000).toISOString())).toBe('SLOT_UNAVAILABLE'); // inside the notice
    expect(await codes('2020-01-01T10:00:00Z')).toBe('SLOT_UNAVAILABLE'); // past
    expect(await codes(new Date(Date.now() + 100 * 24 * 3600_000).toISOString())).toBe('SLOT_UNAVAILABLE'); // beyond 8 weeks
    await book(t, mentor.id, founder, slots[0].startsAt).expect(201);
    const sameDay = slots.find(
      (s) => s.startsAt.slice(0, 10) === slots[0].startsAt.slice(0, 10) && s.startsAt !== slots[0].startsAt,
    );
    if (sameDay) expect(await codes(sameDay.startsAt)).toBe('SLOT_UNAVAILABLE');
    const bad = await book(t, mentor.id, founder, 'next tuesday').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await book(t, mentor.id, founder, slots[0].startsAt, { topic: '' }).expect(400);
    const own = await book(t, mentor.id, mentor, slots[3].startsAt).expect(409);
    expect(own.body.code).toBe('OWN_OFFICE_HOURS');
    await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .send({ startsAt: slots[3].startsAt, topic: 'x' })
      .expect(401);
    const notMentor = await signup(t);
    await book(t, notMentor.id, founder, slots[3].startsAt).expect(404);
  });

  it('holds a founder to the future-booking limit with one mentor', async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, maxFuturePerFounder: 2 });
    const founder = await signup(t);
    const slots = await slotsOf(t, mentor.id);
    await book(t, mentor.id, founder, slots[0].startsAt).expect(201);
    const b2 = await book(t, mentor.id, founder, slots[2].startsAt).expect(201);
    const third = await book(t, mentor.id, founder, slots[4].startsAt).expect(409);
    expect(third.body.code).toBe('BOOKING_LIMIT');
    expect(third.body.message).toContain('2');
    await t.http.post(`/api/bookings/${b2.body.id}/cancel`).set(founder.auth).send({}).expect(200);
    await book(t, mentor.id, founder, slots[4].startsAt).expect(201);
  });

  it('keeps bookings private, lets only the mentor mark them once started, and takes feedback once after completion', async () => {
    const mentor = await makeMentor(t);
    const founder = await signup(t);
    const stranger = await signup(t);
    const [slot] = await slotsOf(t, mentor.id);
    const { body: booking } = await book(t, mentor.id, founder, slot.startsAt).expect(201);

    // Someone else's booking does not exist for them.
    for (const path of ['cancel', 'complete', 'no-show']) {
      const res = await t.http
        .post(`/api/bookings/${booking.id}/${path}`)
        .set(stranger.auth)
        .send({})
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    await t.http
      .post(`/api/bookings/${booking.id}/feedback`)
      .set(stranger.auth)
      .send({ rating: 5 })
      .expect(404);
    await t.http.get(`/api/bookings/${booking.id}`).set(stranger.auth).expect(404);
    await t.http.post(`/api/bookings/${booking.id}/cancel`).send({}).expect(401);

    // Before the start: no marking, no feedback.
    expect(
      (await t.http.post(`/api/bookings/${booking.id}/complete`).set(mentor.auth).expect(409)).body.code,
    ).toBe('SESSION_NOT_STARTED');
    expect(
      (
        await t.http
          .post(`/api/bookings/${booking.id}/feedback`)
          .set(founder.auth)
          .send({ rating: 5 })
          .expect(409)
      ).body.code,
    ).toBe('BOOKING_NOT_COMPLETED');
    // The founder may never mark a session.
    await t.http.post(`/api/bookings/${booking.id}/complete`).set(founder.auth).expect(403);

    await startedAgo(t, booking.id, 2);
    await t.http.post(`/api/bookings/${booking.id}/complete`).set(founder.auth).expect(403);
    const done = await t.http.post(`/api/bookings/${booking.id}/complete`).set(mentor.auth).expect(200);
    expect(done.body.status).toBe('completed');
    expect(
      (await t.http.post(`/api/bookings/${booking.id}/no-show`).set(mentor.auth).expect(409)).body.code,
    ).toBe('BOOKING_NOT_ACTIVE');
    await t.http.post(`/api/bookings/${booking.id}/cancel`).set(founder.auth).send({}).expect(409);

    await t.http
      .post(`/api/bookings/${booking.id}/feedback`)
      .set(founder.auth)
      .send({ rating: 6 })
      .expect(400);
    await t.http
      .post(`/api/bookings/${booking.id}/feedback`)
      .set(mentor.auth)
      .send({ rating: 5 })
      .expect(403);
    const rated = await t.http
      .post(`/api/bookings/${booking.id}/feedback`)
      .set(founder.auth)
      .send({ rating: 4, comment: '很有启发' })
      .expect(201);
    expect(rated.body).toMatchObject({ rating: 4, feedbackComment: '很有启发' });
    expect(
      (
        await t.http
          .post(`/api/bookings/${booking.id}/feedback`)
          .set(founder.auth)
          .send({ rating: 1 })
          .expect(409)
      ).body.code,
    ).toBe('FEEDBACK_EXISTS');

    await t.drainOutbox();
    const ask = smtp.to(founder.email).find((m) => m.subject?.startsWith('请评价'));
    expect(ask?.text).toContain(`/me/bookings?feedback=${booking.id}`);

    // Both sides see it in "my bookings", each from their side.
    const mine = await t.http.get('/api/me/bookings').set(founder.auth).expect(200);
    expect(mine.body.map((b: { id: string; myRole: string }) => [b.id, b.myRole])).toEqual([
      [booking.id, 'founder'],
    ]);
    const theirs = await t.http.get('/api/me/bookings').set(mentor.auth).expect(200);
    expect(theirs.body[0]).toMatchObject({
      id: booking.id,
      myRole: 'mentor',
      founder: { email: founder.email },
    });
    expect((await t.http.get('/api/me/bookings').set(stranger.auth).expect(200)).body).toEqual([]);
  });

  it("suspends a founder after two no-shows in 90 days until an organizer of the sessions' carrier lifts it", async () => {
    const mentor = await makeMentor(t);
    const founder = await signup(t);
    const carrier = await setUpCarrier(t);
    const otherCarrier = await setUpCarrier(t, carrier.admin);
    const slots = await slotsOf(t, mentor.id);
    for (const [i, hoursAgo] of [
      [0, 24 * 40],
      [2, 3],
    ]) {
      const { body } = await book(t, mentor.id, founder, slots[i].startsAt).expect(201);
      await startedAgo(t, body.id, hoursAgo);
      // The sessions belong to the carrier (as when its organizer invited the mentor).
      await t.db.query(`UPDATE bookings SET organization_id = $2 WHERE id = $1`, [
        body.id,
        carrier.organizationId,
      ]);
      await t.http.post(`/api/bookings/${body.id}/no-show`).set(mentor.auth).expect(200);
    }
    const refused = await book(t, mentor.id, founder, slots[4].startsAt).expect(409);
    expect(refused.body.code).toBe('BOOKING_SUSPENDED');
    const status = await t.http
      .get(`/api/founders/${founder.id}/booking-suspension`)
      .set(carrier.organizer.auth)
      .expect(200);
    expect(Date.parse(status.body.suspendedUntil)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    // The carrier's organizers find the founder in their list of suspended founders; another
    // carrier's do not; founders may not read it.
    const listed = await t.http.get('/api/booking-suspensions').set(carrier.organizer.auth).expect(200);
    expect(listed.body).toContainEqual(
      expect.objectContaining({
        founderId: founder.id,
        noShows: 2,
        suspendedUntil: status.body.suspendedUntil,
      }),
    );
    const elsewhere = await t.http
      .get('/api/booking-suspensions')
      .set(otherCarrier.organizer.auth)
      .expect(200);
    expect(elsewhere.body.map((f: { founderId: string }) => f.founderId)).not.toContain(founder.id);
    await t.http.get('/api/booking-suspensions').set(founder.auth).expect(403);
    await t.http.delete(`/api/founders/${founder.id}/booking-suspension`).set(founder.auth).expect(403);
    await t.http
      .delete(`/api/founders/${founder.id}/booking-suspension`)
      .set(otherCarrier.organizer.auth)
      .expect(403);
    await t.http
      .delete(`/api/founders/${founder.id}/booking-suspension`)
      .set(carrier.organizer.auth)
      .expect(200);
    const after = await t.http.get('/api/booking-suspensions').set(carrier.organizer.auth).expect(200);
    expect(after.body.map((f: { founderId: string }) => f.founderId)).not.toContain(founder.id);
    await book(t, mentor.id, founder, slots[4].startsAt).expect(201);
  });

  it('reminds both sides 24 hours and 1 hour before, once each however many workers look', async () => {
    const mentor = await makeMentor(t);
    const founder = await signup(t);
    const slots = await slotsOf(t, mentor.id, 7);
    const slot = slots.find((s) => Date.parse(s.startsAt) > Date.now() + 48 * 3600_000)!;
    await book(t, mentor.id, founder, slot.startsAt).expect(201);
    const start = Date.parse(slot.startsAt);
    // Earlier tests' bookings are not part of this one.
    await t.db.query(
      `UPDATE bookings SET reminded_24h_at = now(), reminded_1h_at = now() WHERE mentor_id <> $1`,
      [mentor.id],
    );
    const worker = t.app.get(RemindersWorker);
    const at = (ms: number) => new Date(start - ms);
    expect(await worker.sendDue(at(30 * 3600_000))).toBe(0);
    const parallel = await Promise.all([1, 2, 3].map(() => worker.sendDue(at(23 * 3600_000))));
    expect(parallel.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await worker.sendDue(at(20 * 3600_000))).toBe(0);
    expect(await worker.sendDue(at(50 * 60_000))).toBe(1);
    expect(await worker.sendDue(at(10 * 60_000))).toBe(0);
    await t.drainOutbox();
    const reminders = smtp.to(founder.email).filter((m) => m.subject?.startsWith('辅导提醒'));
    expect(reminders.map((m) => m.subject)).toEqual([
      '辅导提醒：明天与 周导师 见面',
      '辅导提醒：1 小时后与 周导师 见面',
    ]);
    expect(smtp.to(mentor.email).filter((m) => m.subject?.startsWith('辅导提醒'))).toHaveLength(2);
  });

  it('keeps a ledger per month for the mentor, organizers and admins, with a CSV that Excel opens safely', async () => {
    const mentor = await makeMentor(t, OPEN_ALL_DAY, {}, { displayName: '=HYPERLINK("x")' });
    const founder = await signup(t);
    const organizer = await signup(t);
    await grantRole(t, organizer.id, 'organizer');
    const slots = await slotsOf(t, mentor.id);
    const ids: string[] = [];
    for (const i of [0, 2, 4])
      ids.push((await book(t, mentor.id, founder, slots[i].startsAt).expect(201)).body.id);
    // Two sessions held in March (90 and 60 minutes), one no-show in April.
    await t.db.query(
      `UPDATE bookings SET starts_at = $2, ends_at = $3, status = $4, rating = $5::int, feedback_at = CASE WHEN $5::int IS NULL THEN NULL ELSE now() END WHERE id = $1`,
      [ids[0], '2025-03-03T02:00:00Z', '2025-03-03T03:30:00Z', 'completed', 5],
    );
    await t.db.query(
      `UPDATE bookings SET starts_at = $2, ends_at = $3, status = $4, rating = $5::int, feedback_at = CASE WHEN $5::int IS NULL THEN NULL ELSE now() END WHERE id = $1`,
      [ids[1], '2025-03-31T23:30:00Z', '2025-04-01T00:30:00Z', 'completed', 4],
    );
    await t.db.query(`UPDATE bookings SET starts_at = $2, ends_at = $3, status = 'no_show' WHERE id = $1`, [
      ids[2],
      '2025-04-10T02:00:00Z',
      '2025-04-10T03:00:00Z',
    ]);
    const ledger = await t.http
      .get(`/api/mentors/${mentor.id}/ledger`)
      .query({ year: 2025 })
      .set(mentor.auth)
      .expect(200);
    expect(ledger.body.timeZone).toBe('UTC');
    expect(ledger.body.months[2]).toEqual({
      month: 3,
      sessions: 2,
      hours: 2.5,
      noShows: 0,
      averageRating: 4.5,
      ratings: 2,
    });
    expect(ledger.body.months[3]).toMatchObject({ month: 4, sessions: 0, noShows: 1 });
    expect(ledger.body.total).toEqual({
      sessions: 2,
      hours: 2.5,
      noShows: 1,
      averageRating: 4.5,
      ratings: 2,
    });
    await t.http
      .get(`/api/mentors/${mentor.id}/ledger`)
      .query({ year: 2025 })
      .set(organizer.auth)
      .expect(200);
    await t.http.get(`/api/mentors/${mentor.id}/ledger`).set(founder.auth).expect(403);
    await t.http.get(`/api/mentors/${mentor.id}/ledger`).expect(401);
    await t.http.get(`/api/mentors/${mentor.id}/ledger`).query({ year: 'soon' }).set(mentor.auth).expect(400);

    const csv = await t.http
      .get(`/api/mentors/${mentor.id}/ledger.csv`)
      .query({ year: 2025 })
      .set(organizer.auth)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => cb(null, data));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = csv.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"导师","年份","月份","辅导次数","时长（小时）","未到场","平均评分","评价数"');
    expect(lines).toHaveLength(14);
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")","2025","3","2","2.5","0","4.5","2"`);
    expect(lines[13]).toBe(`"'=HYPERLINK(""x"")","2025","合计","2","2.5","1","4.5","2"`);
  });
});
