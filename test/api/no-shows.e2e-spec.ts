import type { BookingView, NoShowContestView } from '@wutong/shared';
import { SmtpSink } from '../support/smtp-sink';
import { setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

/**
 * Issue 15, point 11: a mentor marks a no-show only after the session's end (or from 15 minutes
 * after its start, with a note); the founder is told and may contest once; an organizer of the
 * booking's carrier (or an admin) upholds or overturns, and overturning removes the mark and the
 * suspension it caused. Times are moved in the database, never waited for: any day works.
 */
describe('no-show marks, contests and decisions (issue 15, point 11)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let a: Carrier;
  let b: Carrier;
  /** The mentor of the last booking made, and each booking's mentor. */
  let mentor: SignedUp;
  const mentorOf = new Map<string, SignedUp>();
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    a = await setUpCarrier(t);
    b = await setUpCarrier(t, a.admin);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /**
   * A booking of `founder` with a new mentor (`mentor` from then on) at carrier A, made through the
   * API, then moved so that it started `minutesAgo` minutes ago (an hour long). One mentor per
   * booking: moved bookings of one mentor could overlap, which the database refuses.
   */
  async function bookingStarted(
    founder: SignedUp,
    minutesAgo: number,
    carrier: Carrier = a,
  ): Promise<string> {
    mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const { body } = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: slot.startsAt, topic: '融资路演' })
      .expect(201);
    await t.db.query(
      `UPDATE bookings SET organization_id = $2, starts_at = now() - make_interval(mins => $3),
              ends_at = now() - make_interval(mins => $3) + interval '1 hour' WHERE id = $1`,
      [body.id, carrier.organizationId, minutesAgo],
    );
    mentorOf.set(body.id, mentor);
    return body.id;
  }

  const noShow = (id: string, body: object = {}, who: SignedUp = mentorOf.get(id)!) =>
    t.http.post(`/api/bookings/${id}/no-show`).set(who.auth).send(body);

  it('refuses a no-show mark minutes after the start (409 TOO_EARLY); 15 minutes in with a note, or after the end', async () => {
    const founder = await signup(t);
    const fiveIn = await bookingStarted(founder, 5);
    for (const body of [{}, { note: '联系不上' }]) {
      const res = await noShow(fiveIn, body).expect(409);
      expect(res.body.code).toBe('TOO_EARLY');
    }
    const twentyIn = await bookingStarted(founder, 20);
    expect((await noShow(twentyIn).expect(409)).body.code).toBe('TOO_EARLY');
    expect((await noShow(twentyIn, { note: '   ' }).expect(409)).body.code).toBe('TOO_EARLY');
    // Still only the mentor.
    await noShow(twentyIn, { note: 'x' }, founder).expect(403);
    const marked = await noShow(twentyIn, { note: '等了 20 分钟，电话未接' }).expect(200);
    expect(marked.body).toMatchObject({
      status: 'no_show',
      noShowNote: '等了 20 分钟，电话未接',
      contest: null,
    });

    const ended = await bookingStarted(founder, 90);
    const afterEnd = await noShow(ended).expect(200);
    expect(afterEnd.body).toMatchObject({ status: 'no_show', noShowNote: null });
    expect(Date.parse(afterEnd.body.markedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Two marks minutes after the start could suspend a founder before: now both are refused.
    const other = await signup(t);
    for (const minutes of [3, 4]) await noShow(await bookingStarted(other, minutes)).expect(409);
    const [next] = await slotsOf(t, mentor.id);
    await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(other.auth)
      .send({ startsAt: next.startsAt, topic: '再约' })
      .expect(201);
  });

  it('tells the founder by mail, with a link to contest', async () => {
    const founder = await signup(t);
    const id = await bookingStarted(founder, 120);
    await noShow(id).expect(200);
    await t.drainOutbox();
    const mail = smtp.to(founder.email).find((m) => m.subject?.includes('未到场'));
    expect(mail?.text).toContain(`/me/bookings?contest=${id}`);
  });

  it('lets only the founder contest, once, and only a no-show', async () => {
    const founder = await signup(t);
    const stranger = await signup(t);
    const id = await bookingStarted(founder, 120);
    const contest = (who: SignedUp, body: object = { reason: '我准时到了，导师不在会议室' }) =>
      t.http.post(`/api/bookings/${id}/contest`).set(who.auth).send(body);

    expect((await contest(founder).expect(409)).body.code).toBe('NOT_A_NO_SHOW');
    await noShow(id).expect(200);
    await t.http.post(`/api/bookings/${id}/contest`).send({ reason: 'x' }).expect(401);
    expect((await contest(stranger).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await contest(mentorOf.get(id)!).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await contest(founder, {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await contest(founder, { reason: ' ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');

    const made = await contest(founder).expect(201);
    expect((made.body as BookingView).contest).toMatchObject({
      reason: '我准时到了，导师不在会议室',
      decision: null,
      decidedAt: null,
    });
    expect((await contest(founder, { reason: '再申诉一次' }).expect(409)).body.code).toBe('CONTEST_EXISTS');
    const [audit] = await t.db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'booking.no_show.contest' AND target_id = $1`,
      [id],
    );
    expect(audit.actor_id).toBe(founder.id);
  });

  it("shows open contests to the carrier's organizers; only they (and admins) decide", async () => {
    const founder = await signup(t);
    const id = await bookingStarted(founder, 120);
    await noShow(id).expect(200);
    await t.http
      .post(`/api/bookings/${id}/contest`)
      .set(founder.auth)
      .send({ reason: '当天生病，已提前请假' })
      .expect(201);

    const listOf = async (who: SignedUp) =>
      (await t.http.get('/api/no-show-contests').set(who.auth).expect(200)).body as NoShowContestView[];
    expect((await listOf(a.organizer)).map((c) => c.bookingId)).toContain(id);
    expect((await listOf(a.admin)).map((c) => c.bookingId)).toContain(id);
    expect((await listOf(b.organizer)).map((c) => c.bookingId)).not.toContain(id);
    await t.http.get('/api/no-show-contests').set(founder.auth).expect(403);
    await t.http.get('/api/no-show-contests').set(mentor.auth).expect(403);

    const decide = (who: SignedUp, body: object = { decision: 'uphold' }) =>
      t.http.post(`/api/bookings/${id}/contest/decision`).set(who.auth).send(body);
    expect((await decide(b.organizer).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await decide(founder).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await decide(mentor).expect(403)).body.code).toBe('FORBIDDEN');
    await decide(a.organizer, { decision: 'maybe' }).expect(400);

    const upheld = await decide(a.organizer, { decision: 'uphold', note: '导师提供了等待记录' }).expect(200);
    expect(upheld.body as NoShowContestView).toMatchObject({
      bookingId: id,
      decision: 'upheld',
      decisionNote: '导师提供了等待记录',
    });
    expect((await decide(a.organizer, { decision: 'overturn' }).expect(409)).body.code).toBe(
      'CONTEST_NOT_OPEN',
    );
    const booking = await t.http.get(`/api/bookings/${id}`).set(founder.auth).expect(200);
    expect(booking.body).toMatchObject({ status: 'no_show', contest: { decision: 'upheld' } });
    expect((await listOf(a.organizer)).map((c) => c.bookingId)).not.toContain(id);
    await t.drainOutbox();
    expect(smtp.to(founder.email).some((m) => m.subject?.includes('申诉'))).toBe(true);
  });

  it('overturning removes the mark and lifts the suspension it caused, for good', async () => {
    const founder = await signup(t);
    const first = await bookingStarted(founder, 60 * 24 * 10);
    const second = await bookingStarted(founder, 120);
    await noShow(first).expect(200);
    await noShow(second).expect(200);
    const suspension = async () =>
      (await t.http.get(`/api/founders/${founder.id}/booking-suspension`).set(a.organizer.auth).expect(200))
        .body.suspendedUntil;
    expect(await suspension()).not.toBeNull();

    await t.http
      .post(`/api/bookings/${second}/contest`)
      .set(founder.auth)
      .send({ reason: '我在线上会议室等了半小时' })
      .expect(201);
    // Nobody decides a contest that was not made.
    expect(
      (
        await t.http
          .post(`/api/bookings/${first}/contest/decision`)
          .set(a.organizer.auth)
          .send({ decision: 'overturn' })
          .expect(409)
      ).body.code,
    ).toBe('CONTEST_NOT_OPEN');
    const overturned = await t.http
      .post(`/api/bookings/${second}/contest/decision`)
      .set(a.admin.auth)
      .send({ decision: 'overturn', note: '会议记录显示创业者在线' })
      .expect(200);
    expect(overturned.body).toMatchObject({ decision: 'overturned' });
    expect(await suspension()).toBeNull();

    const view = await t.http.get(`/api/bookings/${second}`).set(mentorOf.get(second)!.auth).expect(200);
    expect(view.body).toMatchObject({
      status: 'confirmed',
      markedAt: null,
      contest: { decision: 'overturned' },
    });
    // The mentor may not put the mark back; completing the session stays possible.
    expect((await noShow(second).expect(409)).body.code).toBe('NO_SHOW_OVERTURNED');
    await t.http.post(`/api/bookings/${second}/complete`).set(mentorOf.get(second)!.auth).expect(200);

    const actions = (
      await t.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at`, [second])
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'booking.no_show',
      'booking.no_show.contest',
      'booking.no_show.overturn',
      'booking.complete',
    ]);
  });
});
