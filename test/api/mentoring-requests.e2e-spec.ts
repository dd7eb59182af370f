import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import type { BookingView } from '@wutong/shared';
import { BookingsService } from '../../apps/api/src/office-hours/bookings.service';
import type { ParsedMail } from 'mailparser';
import { setUpCarrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

jest.setTimeout(60_000);

/**
 * Mentoring as a service record (issue 19, points 1–4): mentors who confirm each request first,
 * moving a booking in one step, the questions a mentor asks at booking, and the coaching record.
 */

const MANUAL = { ...OPEN_ALL_DAY, confirmation: 'manual' as const, requestTtlHours: 24 };

const INTAKE = [
  {
    id: 'stage',
    label: '公司目前处于哪个阶段？',
    kind: 'choice',
    options: ['种子轮', '天使轮', 'A 轮'],
    required: true,
  },
  { id: 'need', label: '希望导师帮您解决什么？', kind: 'text', required: true },
  { id: 'deck', label: '商业计划书链接', kind: 'link', required: false },
];

function calendarOf(mail: ParsedMail) {
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!ics) return null;
  const cal = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
  return {
    method: cal.getFirstPropertyValue('method'),
    event: new ICAL.Event(cal.getFirstSubcomponent('vevent')!),
  };
}

describe('mentoring requests, rescheduling and intake questions', () => {
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

  const book = (mentorId: string, who: SignedUp, startsAt: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/mentors/${mentorId}/bookings`)
      .set(who.auth)
      .send({ startsAt, topic: '天使轮估值怎么谈', ...extra });
  const offered = async (mentorId: string) => (await slotsOf(t, mentorId)).map((s) => s.startsAt);

  it('holds the slot of a request until the mentor accepts; the invite goes out only then', async () => {
    const mentor = await makeMentor(t, MANUAL);
    const founder = await signup(t);
    const other = await signup(t);
    const stranger = await signup(t);
    const profile = await t.http.get(`/api/mentors/${mentor.id}`).expect(200);
    expect(profile.body.confirmation).toBe('manual');

    const [slot] = await slotsOf(t, mentor.id);
    const asked = await book(mentor.id, founder, slot.startsAt).expect(201);
    const request = asked.body as BookingView;
    expect(request.status).toBe('requested');
    // It lapses after the mentor's 24 hours, or at the session's start if that comes first.
    const lapse = Date.parse(request.requestExpiresAt!);
    expect(lapse).toBeLessThanOrEqual(
      Math.min(Date.now() + 24 * 3600_000 + 5_000, Date.parse(slot.startsAt)),
    );
    expect(lapse).toBeGreaterThan(Date.now());
    // The slot is held: not offered, and a second founder cannot take it.
    expect(await offered(mentor.id)).not.toContain(slot.startsAt);
    expect((await book(mentor.id, other, slot.startsAt).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');

    await t.drainOutbox();
    const toMentor = smtp.to(mentor.email).find((m) => m.subject?.startsWith('新的辅导申请'))!;
    expect(toMentor).toBeDefined();
    expect(toMentor.text).toContain('确认或婉拒');
    expect(calendarOf(toMentor)).toBeNull();
    const toFounder = smtp.to(founder.email).find((m) => m.subject?.startsWith('辅导申请已提交'))!;
    expect(calendarOf(toFounder)).toBeNull();
    expect(smtp.to(founder.email).some((m) => m.subject?.startsWith('辅导预约已确认'))).toBe(false);

    // Only the mentor answers: the founder is refused, anyone else does not see the booking.
    const byFounder = await t.http.post(`/api/bookings/${request.id}/accept`).set(founder.auth).expect(403);
    expect(byFounder.body.code).toBe('FORBIDDEN');
    await t.http.post(`/api/bookings/${request.id}/accept`).set(stranger.auth).expect(404);
    await t.http.post(`/api/bookings/${request.id}/decline`).set(founder.auth).send({}).expect(403);

    const accepted = await t.http.post(`/api/bookings/${request.id}/accept`).set(mentor.auth).expect(200);
    expect(accepted.body.status).toBe('confirmed');
    expect(accepted.body.requestExpiresAt).toBeNull();
    expect(accepted.body.decidedAt).not.toBeNull();
    const twice = await t.http.post(`/api/bookings/${request.id}/accept`).set(mentor.auth).expect(409);
    expect(twice.body.code).toBe('REQUEST_NOT_OPEN');
    await t.http.post(`/api/bookings/${request.id}/decline`).set(mentor.auth).send({}).expect(409);

    await t.drainOutbox();
    const confirmed = smtp.to(founder.email).find((m) => m.subject?.startsWith('辅导预约已确认'))!;
    const invite = calendarOf(confirmed)!;
    expect(invite.method).toBe('REQUEST');
    expect(invite.event.uid).toBe(`booking-${request.id}@wutong`);
    expect(smtp.to(mentor.email).some((m) => m.subject?.startsWith('辅导预约已确认'))).toBe(true);
  });

  it('frees the slot when the mentor declines, and tells the founder why', async () => {
    const mentor = await makeMentor(t, MANUAL);
    const founder = await signup(t, { locale: 'en' });
    const [slot] = await slotsOf(t, mentor.id);
    const { body: request } = await book(mentor.id, founder, slot.startsAt).expect(201);
    const declined = await t.http
      .post(`/api/bookings/${request.id}/decline`)
      .set(mentor.auth)
      .send({ reason: '这周出差，请改约下周' })
      .expect(200);
    expect(declined.body.status).toBe('declined');
    expect(declined.body.declineReason).toBe('这周出差，请改约下周');
    expect(await offered(mentor.id)).toContain(slot.startsAt);
    const again = await t.http.post(`/api/bookings/${request.id}/accept`).set(mentor.auth).expect(409);
    expect(again.body.code).toBe('REQUEST_NOT_OPEN');
    // A declined request is not an active booking: nothing to cancel or move.
    await t.http.post(`/api/bookings/${request.id}/cancel`).set(founder.auth).send({}).expect(409);

    await t.drainOutbox();
    const mail = smtp.to(founder.email).find((m) => m.subject?.startsWith('The mentor could not take'))!;
    expect(mail.text).toContain('这周出差，请改约下周');
    expect(mail.text).toContain(`/mentors/${mentor.id}`);
  });

  it('lets a request lapse after the mentor’s hours: once, however many passes look; the slot is free', async () => {
    const mentor = await makeMentor(t, MANUAL);
    const founder = await signup(t);
    const [first, second] = await slotsOf(t, mentor.id);
    const { body: lapsing } = await book(mentor.id, founder, first.startsAt).expect(201);
    const { body: open } = await book(mentor.id, founder, second.startsAt).expect(201);
    // As if the mentor's 24 hours had passed for the first request only.
    await t.db.query(`UPDATE bookings SET request_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      lapsing.id,
    ]);
    // Before any pass has run, the lapsed request can no longer be accepted.
    const late = await t.http.post(`/api/bookings/${lapsing.id}/accept`).set(mentor.auth).expect(409);
    expect(late.body.code).toBe('REQUEST_NOT_OPEN');

    const service = t.app.get(BookingsService);
    const passes = await Promise.all([1, 2, 3].map(() => service.expireRequests()));
    expect(passes.reduce((a, b) => a + b, 0)).toBe(1);
    const lapsed = await t.http.get(`/api/bookings/${lapsing.id}`).set(founder.auth).expect(200);
    expect(lapsed.body.status).toBe('expired');
    expect((await t.http.get(`/api/bookings/${open.id}`).set(founder.auth).expect(200)).body.status).toBe(
      'requested',
    );
    expect(await offered(mentor.id)).toContain(first.startsAt);

    await t.drainOutbox();
    expect(smtp.to(founder.email).filter((m) => m.subject?.startsWith('辅导申请已失效'))).toHaveLength(1);
    expect(smtp.to(mentor.email).filter((m) => m.subject?.startsWith('辅导申请已失效'))).toHaveLength(1);
  });

  it('counts open requests toward the founder’s limit with a mentor, and lets the founder withdraw one', async () => {
    const mentor = await makeMentor(t, { ...MANUAL, maxFuturePerFounder: 2 });
    const founder = await signup(t);
    const [a, b, c] = await slotsOf(t, mentor.id);
    const { body: first } = await book(mentor.id, founder, a.startsAt).expect(201);
    await book(mentor.id, founder, b.startsAt).expect(201);
    const third = await book(mentor.id, founder, c.startsAt).expect(409);
    expect(third.body.code).toBe('BOOKING_LIMIT');
    const withdrawn = await t.http
      .post(`/api/bookings/${first.id}/cancel`)
      .set(founder.auth)
      .send({})
      .expect(200);
    expect(withdrawn.body.status).toBe('cancelled');
    await book(mentor.id, founder, c.startsAt).expect(201);
    // The mentor is told of the withdrawal without a calendar cancellation (no invite ever went out).
    await t.drainOutbox();
    const cancelled = smtp.to(mentor.email).find((m) => m.subject?.startsWith('辅导预约已取消'))!;
    expect(calendarOf(cancelled)).toBeNull();
  });

  it('refuses bad settings: an unknown confirmation mode, a lapse outside 1–336 hours', async () => {
    const mentor = await makeMentor(t);
    for (const bad of [{ confirmation: 'sometimes' }, { requestTtlHours: 0 }, { requestTtlHours: 337 }]) {
      const res = await t.http
        .put('/api/me/availability')
        .set(mentor.auth)
        .send({ ...OPEN_ALL_DAY, ...bad })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const saved = await t.http
      .put('/api/me/availability')
      .set(mentor.auth)
      .send({ ...OPEN_ALL_DAY, confirmation: 'manual', requestTtlHours: 6 })
      .expect(200);
    expect(saved.body).toMatchObject({ confirmation: 'manual', requestTtlHours: 6 });
  });

  describe('rescheduling', () => {
    it('moves a confirmed booking in one step: same id, old slot free, invite updated in place, both told', async () => {
      const mentor = await makeMentor(t);
      const founder = await signup(t);
      const stranger = await signup(t);
      const [from, , to] = await slotsOf(t, mentor.id);
      const { body: booked } = await book(mentor.id, founder, from.startsAt).expect(201);
      await t.http
        .post(`/api/bookings/${booked.id}/reschedule`)
        .set(stranger.auth)
        .send({ startsAt: to.startsAt })
        .expect(404);
      const moved = await t.http
        .post(`/api/bookings/${booked.id}/reschedule`)
        .set(founder.auth)
        .send({ startsAt: to.startsAt })
        .expect(200);
      expect(moved.body.id).toBe(booked.id);
      expect(moved.body.status).toBe('confirmed');
      expect(Date.parse(moved.body.startsAt)).toBe(Date.parse(to.startsAt));
      expect(moved.body.rescheduledAt).not.toBeNull();
      const slots = await offered(mentor.id);
      expect(slots).toContain(from.startsAt);
      expect(slots).not.toContain(to.startsAt);

      // The mentor moves it back: either side may.
      await t.http
        .post(`/api/bookings/${booked.id}/reschedule`)
        .set(mentor.auth)
        .send({ startsAt: from.startsAt })
        .expect(200);

      await t.drainOutbox();
      const first = calendarOf(smtp.to(founder.email).find((m) => m.subject?.startsWith('辅导预约已确认'))!)!;
      const moves = smtp.to(founder.email).filter((m) => m.subject?.startsWith('辅导时间已调整'));
      expect(moves).toHaveLength(2);
      const [once, back] = moves.map((m) => calendarOf(m)!);
      for (const update of [once, back]) {
        expect(update.method).toBe('REQUEST');
        expect(update.event.uid).toBe(first.event.uid);
      }
      expect(once.event.sequence).toBeGreaterThan(first.event.sequence);
      expect(back.event.sequence).toBeGreaterThan(once.event.sequence);
      expect(once.event.startDate.toJSDate().getTime()).toBe(Date.parse(to.startsAt));
      expect(back.event.startDate.toJSDate().getTime()).toBe(Date.parse(from.startsAt));
      // The founder's second mail says the mentor moved it; the mentor was told both times.
      expect(moves[1].text).toContain('周导师 把辅导');
      expect(smtp.to(mentor.email).filter((m) => m.subject?.startsWith('辅导时间已调整'))).toHaveLength(2);
    });

    it('refuses a taken slot, a time not offered, and bookings that are over or cancelled', async () => {
      const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, maxPerDay: 1 });
      const founder = await signup(t);
      const other = await signup(t);
      const slots = await slotsOf(t, mentor.id, 7);
      const day = (iso: string) => iso.slice(0, 10);
      const mine = slots[0];
      const theirs = slots.find((s) => day(s.startsAt) !== day(mine.startsAt))!;
      const { body: booked } = await book(mentor.id, founder, mine.startsAt).expect(201);
      await book(mentor.id, other, theirs.startsAt).expect(201);
      const move = (startsAt: string, who = founder) =>
        t.http.post(`/api/bookings/${booked.id}/reschedule`).set(who.auth).send({ startsAt });
      // Taken by another founder.
      expect((await move(theirs.startsAt).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');
      // Another hour of that day: the mentor's daily maximum (1) is reached there.
      const sameDay = slots.find((s) => day(s.startsAt) === day(theirs.startsAt) && s !== theirs)!;
      expect((await move(sameDay.startsAt).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');
      // Another hour of its own day is fine: the booking does not count against its own day.
      const ownDay = slots.find((s) => day(s.startsAt) === day(mine.startsAt) && s !== mine);
      if (ownDay) await move(ownDay.startsAt).expect(200);
      // Not a slot (half past), in the past.
      const halfPast = new Date(Date.parse(theirs.startsAt) + 30 * 60_000).toISOString();
      expect((await move(halfPast).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');
      expect((await move(new Date(Date.now() - 3600_000).toISOString()).expect(409)).body.code).toBe(
        'SLOT_UNAVAILABLE',
      );
      expect((await move('tomorrow').expect(400)).body.code).toBe('VALIDATION_FAILED');
      // Cancelled: nothing to move.
      await t.http.post(`/api/bookings/${booked.id}/cancel`).set(founder.auth).send({}).expect(200);
      expect((await move(mine.startsAt).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
    });

    it('gives a free slot to exactly one of two founders moving into it at once', async () => {
      for (let round = 0; round < 5; round++) {
        const mentor = await makeMentor(t);
        const [a, b, target] = await slotsOf(t, mentor.id);
        const [f1, f2] = [await signup(t), await signup(t)];
        const { body: one } = await book(mentor.id, f1, a.startsAt).expect(201);
        const { body: two } = await book(mentor.id, f2, b.startsAt).expect(201);
        const results = await Promise.all(
          [
            [one.id, f1],
            [two.id, f2],
          ].map(([id, who]) =>
            t.http
              .post(`/api/bookings/${id as string}/reschedule`)
              .set((who as SignedUp).auth)
              .send({ startsAt: target.startsAt }),
          ),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)!.body.code).toBe('SLOT_UNAVAILABLE');
        const [{ count }]: { count: number }[] = await t.db.query(
          `SELECT count(*)::int AS count FROM bookings WHERE mentor_id = $1 AND starts_at = $2 AND status = 'confirmed'`,
          [mentor.id, target.startsAt],
        );
        expect(count).toBe(1);
        // The loser keeps its own time.
        const loser = results.findIndex((r) => r.status === 409);
        const kept = await t.db.query(`SELECT starts_at FROM bookings WHERE id = $1`, [
          [one.id, two.id][loser],
        ]);
        expect(kept[0].starts_at.toISOString()).toBe(new Date([a, b][loser].startsAt).toISOString());
      }
    });

    it('moves a request too: it stays a request, with no calendar invite', async () => {
      const mentor = await makeMentor(t, MANUAL);
      const founder = await signup(t);
      const [from, to] = await slotsOf(t, mentor.id);
      const { body: request } = await book(mentor.id, founder, from.startsAt).expect(201);
      const moved = await t.http
        .post(`/api/bookings/${request.id}/reschedule`)
        .set(founder.auth)
        .send({ startsAt: to.startsAt })
        .expect(200);
      expect(moved.body.status).toBe('requested');
      expect(await offered(mentor.id)).toContain(from.startsAt);
      await t.drainOutbox();
      const mail = smtp.to(mentor.email).find((m) => m.subject?.startsWith('辅导时间已调整'))!;
      expect(mail.text).toContain('待导师确认');
      expect(calendarOf(mail)).toBeNull();
    });
  });

  describe('intake questions', () => {
    it('asks the mentor’s questions at booking and shows the answers with the request', async () => {
      const mentor = await makeMentor(t, MANUAL, { intakeQuestions: INTAKE as never });
      const founder = await signup(t);
      const page = await t.http.get(`/api/mentors/${mentor.id}`).expect(200);
      expect(page.body.intakeQuestions.map((q: { id: string }) => q.id)).toEqual(['stage', 'need', 'deck']);
      const [slot] = await slotsOf(t, mentor.id);

      const refusals: [Record<string, string>, string][] = [
        [{ need: '融资' }, 'intakeAnswers.stage'],
        [{ stage: 'B 轮', need: '融资' }, 'intakeAnswers.stage'],
        [{ stage: '天使轮', need: '   ' }, 'intakeAnswers.need'],
        [{ stage: '天使轮', need: '融资', deck: 'not a link' }, 'intakeAnswers.deck'],
        [{ stage: '天使轮', need: '融资', color: 'blue' }, 'intakeAnswers.color'],
      ];
      for (const [answers, field] of refusals) {
        const res = await book(mentor.id, founder, slot.startsAt, { intakeAnswers: answers }).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      // Nothing was held by the refused attempts.
      expect(await offered(mentor.id)).toContain(slot.startsAt);

      const { body: request } = await book(mentor.id, founder, slot.startsAt, {
        intakeAnswers: { stage: '天使轮', need: ' 梳理路演材料 ', deck: 'https://pan.example.cn/bp.pdf' },
      }).expect(201);
      const expected = [
        { questionId: 'stage', label: '公司目前处于哪个阶段？', answer: '天使轮' },
        { questionId: 'need', label: '希望导师帮您解决什么？', answer: '梳理路演材料' },
        { questionId: 'deck', label: '商业计划书链接', answer: 'https://pan.example.cn/bp.pdf' },
      ];
      expect(request.intake).toEqual(expected);
      const seen = await t.http.get(`/api/bookings/${request.id}`).set(mentor.auth).expect(200);
      expect(seen.body.intake).toEqual(expected);
      const list = await t.http.get('/api/me/bookings').set(mentor.auth).expect(200);
      expect(list.body.find((b: BookingView) => b.id === request.id).intake).toEqual(expected);
      await t.drainOutbox();
      const mail = smtp.to(mentor.email).find((m) => m.subject?.startsWith('新的辅导申请'))!;
      expect(mail.text).toContain('希望导师帮您解决什么？：梳理路演材料');

      // Editing the questions later leaves the answers as they were asked.
      await t.http
        .put('/api/me/mentor-profile')
        .set(mentor.auth)
        .send({
          category: 'investor',
          intakeQuestions: [{ label: '所在行业', kind: 'text', required: false }],
        })
        .expect(200);
      expect(
        (await t.http.get(`/api/bookings/${request.id}`).set(founder.auth).expect(200)).body.intake,
      ).toEqual(expected);
    });

    it('refuses malformed questions: too many, a choice without choices, repeated choices, blank labels', async () => {
      const mentor = await makeMentor(t);
      const put = (intakeQuestions: unknown) =>
        t.http.put('/api/me/mentor-profile').set(mentor.auth).send({ category: 'investor', intakeQuestions });
      const q = (extra: Record<string, unknown> = {}) => ({
        label: '阶段',
        kind: 'text',
        required: true,
        ...extra,
      });
      for (const bad of [
        Array.from({ length: 6 }, () => q()),
        [q({ kind: 'choice' })],
        [q({ kind: 'choice', options: ['天使轮'] })],
        [q({ kind: 'choice', options: ['天使轮', '天使轮'] })],
        [q({ label: '  ' })],
        [q({ kind: 'video' })],
        [q({ id: 'has space' })],
      ]) {
        const res = await put(bad).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      // New questions get ids; ids given twice are made unique.
      const saved = await put([q({ id: 'a' }), q({ id: 'a' }), q()]).expect(200);
      const ids = saved.body.intakeQuestions.map((x: { id: string }) => x.id);
      expect(new Set(ids).size).toBe(3);
      expect(ids[0]).toBe('a');
    });
  });

  describe('coaching records', () => {
    /** A booking of the mentor's at the carrier, moved to have started an hour ago. */
    async function heldSession(mentor: SignedUp, founder: SignedUp, organizationId: string, slotIndex = 0) {
      const slots = await slotsOf(t, mentor.id);
      const { body } = await book(mentor.id, founder, slots[slotIndex].startsAt).expect(201);
      await t.db.query(
        `UPDATE bookings SET organization_id = $2, starts_at = now() - interval '1 hour' - make_interval(days => $3),
                ends_at = now() - make_interval(days => $3) WHERE id = $1`,
        [body.id, organizationId, slotIndex],
      );
      return body.id as string;
    }
    const RECORD = {
      summary: '梳理了天使轮估值思路和条款清单的重点。',
      topics: ['融资', '估值', '融资'],
      actions: [
        { text: '把可比公司整理成一页', owner: 'founder', due: '2026-06-20' },
        { text: '介绍两位天使投资人', owner: 'mentor' },
      ],
      followUp: '两周后复盘路演材料',
    };

    it('is written by the mentor once the session has started, read by the founder and the carrier’s organizers', async () => {
      const carrier = await setUpCarrier(t);
      const other = await setUpCarrier(t, carrier.admin);
      const mentor = await makeMentor(t);
      const founder = await signup(t);
      const stranger = await signup(t);
      const [slot] = await slotsOf(t, mentor.id);
      const { body: ahead } = await book(mentor.id, founder, slot.startsAt).expect(201);
      const early = await t.http
        .put(`/api/bookings/${ahead.id}/record`)
        .set(mentor.auth)
        .send(RECORD)
        .expect(409);
      expect(early.body.code).toBe('SESSION_NOT_STARTED');

      const id = await heldSession(mentor, founder, carrier.organizationId, 1);
      await t.http.put(`/api/bookings/${id}/record`).set(founder.auth).send(RECORD).expect(403);
      await t.http.put(`/api/bookings/${id}/record`).set(stranger.auth).send(RECORD).expect(404);
      for (const bad of [
        { ...RECORD, summary: '   ' },
        { ...RECORD, actions: [{ text: '补材料', owner: 'investor' }] },
        { ...RECORD, actions: [{ text: '补材料', owner: 'founder', due: '20 June' }] },
        { ...RECORD, actions: Array.from({ length: 21 }, () => ({ text: '补材料', owner: 'founder' })) },
        { ...RECORD, actions: [{ id: 'nope', text: '补材料', owner: 'founder' }] },
      ])
        expect(
          (await t.http.put(`/api/bookings/${id}/record`).set(mentor.auth).send(bad).expect(400)).body.code,
        ).toBe('VALIDATION_FAILED');

      const written = await t.http
        .put(`/api/bookings/${id}/record`)
        .set(mentor.auth)
        .send(RECORD)
        .expect(200);
      const record = written.body.record;
      expect(record).toMatchObject({
        summary: RECORD.summary,
        topics: ['融资', '估值'],
        followUp: '两周后复盘路演材料',
      });
      expect(record.actions.map((a: { owner: string; due: string | null }) => [a.owner, a.due])).toEqual([
        ['founder', '2026-06-20'],
        ['mentor', null],
      ]);
      const [mine, theirs] = record.actions as { id: string }[];

      // The founder reads it and ticks their action; not the mentor's.
      expect(
        (await t.http.get(`/api/bookings/${id}`).set(founder.auth).expect(200)).body.record.summary,
      ).toBe(RECORD.summary);
      const ticked = await t.http
        .post(`/api/bookings/${id}/record/actions/${mine.id}`)
        .set(founder.auth)
        .send({ done: true })
        .expect(200);
      expect(ticked.body.record.actions[0].doneAt).not.toBeNull();
      await t.http
        .post(`/api/bookings/${id}/record/actions/${theirs.id}`)
        .set(founder.auth)
        .send({ done: true })
        .expect(403);
      await t.http
        .post(`/api/bookings/${id}/record/actions/zzz`)
        .set(founder.auth)
        .send({ done: true })
        .expect(404);

      // Rewriting keeps the tick of an action it keeps.
      const rewritten = await t.http
        .put(`/api/bookings/${id}/record`)
        .set(mentor.auth)
        .send({
          ...RECORD,
          summary: '补充：约定了下次见面。',
          actions: [{ ...RECORD.actions[0], id: mine.id }],
        })
        .expect(200);
      expect(rewritten.body.record.actions).toHaveLength(1);
      expect(rewritten.body.record.actions[0].doneAt).toBe(ticked.body.record.actions[0].doneAt);

      // The carrier's organizers read it; another carrier's do not.
      const seen = await t.http.get(`/api/bookings/${id}`).set(carrier.organizer.auth).expect(200);
      expect(seen.body.myRole).toBe('organizer');
      expect(seen.body.record.summary).toBe('补充：约定了下次见面。');
      expect(seen.body.founder.email).toBeUndefined();
      await t.http.get(`/api/bookings/${id}`).set(other.organizer.auth).expect(404);
      await t.http.get(`/api/bookings/${id}`).set(stranger.auth).expect(404);

      // A cancelled booking takes no record.
      const { body: toCancel } = await book(
        mentor.id,
        founder,
        (await slotsOf(t, mentor.id))[3].startsAt,
      ).expect(201);
      await t.http.post(`/api/bookings/${toCancel.id}/cancel`).set(founder.auth).send({}).expect(200);
      await t.db.query(
        `UPDATE bookings SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
        [toCancel.id],
      );
      const refused = await t.http
        .put(`/api/bookings/${toCancel.id}/record`)
        .set(mentor.auth)
        .send(RECORD)
        .expect(409);
      expect(refused.body.code).toBe('BOOKING_NOT_ACTIVE');
    });

    it('lists the carrier’s held sessions with their records and those missing one, also as CSV', async () => {
      const carrier = await setUpCarrier(t);
      const other = await setUpCarrier(t, carrier.admin);
      const mentor = await makeMentor(t);
      const founder = await signup(t);
      const withRecord = await heldSession(mentor, founder, carrier.organizationId, 1);
      const without = await heldSession(mentor, founder, carrier.organizationId, 2);
      for (const id of [withRecord, without])
        await t.http.post(`/api/bookings/${id}/complete`).set(mentor.auth).expect(200);
      await t.http.put(`/api/bookings/${withRecord}/record`).set(mentor.auth).send(RECORD).expect(200);

      const url = `/api/organizations/${carrier.organizationId}/coaching-records`;
      const all = await t.http.get(url).set(carrier.organizer.auth).expect(200);
      expect(all.body.items.map((i: { bookingId: string }) => i.bookingId).sort()).toEqual(
        [withRecord, without].sort(),
      );
      expect(all.body.missing).toBe(1);
      const missing = await t.http
        .get(url)
        .query({ missing: 'true' })
        .set(carrier.organizer.auth)
        .expect(200);
      expect(missing.body.items.map((i: { bookingId: string }) => i.bookingId)).toEqual([without]);
      await t.http.get(url).set(carrier.admin.auth).expect(200);
      await t.http.get(url).set(other.organizer.auth).expect(403);
      await t.http.get(url).set(founder.auth).expect(403);
      await t.http.get(url).set(mentor.auth).expect(403);

      const csv = await t.http.get(`${url}.csv`).set(carrier.organizer.auth).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain(RECORD.summary);
      expect(csv.text).toContain('（缺记录）');
      expect(csv.text).toContain('○ 把可比公司整理成一页 (创业者，2026-06-20 前)');
      // The workbook holds the same rows, read back with ExcelJS.
      const xlsx = await t.http
        .get(`${url}.xlsx`)
        .set(carrier.organizer.auth)
        .set('Accept-Language', 'en')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as never);
      const sheet = book.getWorksheet('Coaching records')!;
      expect(sheet.rowCount).toBe(3);
      expect(sheet.getRow(1).getCell(7).value).toBe('Record');
      const cells = [2, 3].map((r) => String(sheet.getRow(r).getCell(7).value));
      expect(cells.sort()).toEqual(['(no record)', RECORD.summary].sort());
    });
  });
});
