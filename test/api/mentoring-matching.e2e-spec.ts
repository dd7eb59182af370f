import { randomUUID } from 'node:crypto';
import {
  localDate,
  wallClockToUtc,
  type AvailabilityRequest,
  type MatchReason,
  type MentoringRequestView,
  type SupplyDemandView,
} from '@wutong/shared';
import { setUpCarrier, type Carrier } from '../support/events';
import { signup, type SignedUp, type TestApp, startTestApp } from '../support/test-app';
import { bulkFounders, makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

jest.setTimeout(120_000);

/**
 * Matching by need (issue 19, point 5): suggestions with their reasons, the carrier's queue,
 * assignment, the booking that matches a need, time to first session, supply and demand.
 */

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

/** Two hour-long slots on each of two dates 3 and 4 days ahead: exactly four free slots. */
function fourSlots(): AvailabilityRequest {
  const date = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);
  return {
    ...OPEN_ALL_DAY,
    rules: [],
    overrides: [3, 4].map((d) => ({ date: date(d), start: '10:00', end: '12:00', slotMinutes: 60 })),
  };
}
const NONE: AvailabilityRequest = { ...OPEN_ALL_DAY, rules: [] };

describe('matching by need', () => {
  let t: TestApp;
  let a: Carrier;
  let b: Carrier;
  let founder: SignedUp;
  let founder2: SignedUp;
  const m: Record<string, SignedUp> = {};

  /** The mentor joins the carrier as its organizer's invitee did. */
  const invitedBy = async (mentor: SignedUp, carrier: Carrier) =>
    t.db.query(
      `INSERT INTO mentor_invitations (email, token_hash, invited_by, organization_id, expires_at, accepted_at, accepted_by)
       VALUES ($1, $2, $3, $4, now() + interval '1 day', now(), $5)`,
      [mentor.email, randomUUID(), carrier.organizer.id, carrier.organizationId, mentor.id],
    );
  const ask = (who: SignedUp, body: Record<string, unknown>) =>
    t.http.post('/api/mentoring-requests').set(who.auth).send(body);
  const FINANCING = { category: 'investor', stage: 'early_revenue', need: '准备天使轮融资，想聊聊估值' };

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '20' });
    a = await setUpCarrier(t);
    b = await setUpCarrier(t, a.admin);
    founder = await signup(t, { displayName: '林创业' });
    founder2 = await signup(t, { displayName: 'Alex Founder' });
    await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [founder2.id]);
    const mentor = (name: string, availability: AvailabilityRequest, profile: Record<string, unknown>) =>
      makeMentor(t, availability, profile, { displayName: name });
    // Scores for FINANCING (wanted: financing by the words, marketing and financing by the stage):
    m.m1 = await mentor('投资人甲', OPEN_ALL_DAY, {
      category: 'investor',
      expertise: ['financing', 'strategy'],
      languages: ['zh-CN'],
    }); // 12 + 20 + 10 + 20 − 4 (two upcoming bookings) = 58
    m.m6 = await mentor('会计师丙', OPEN_ALL_DAY, {
      category: 'accountant',
      expertise: ['financing', 'marketing'],
      languages: ['zh-CN', 'en'],
    }); // 24 + 10 + 20 = 54, the earlier slot
    m.m2 = await mentor('投资人乙', fourSlots(), {
      category: 'investor',
      expertise: ['financing'],
      languages: ['en'],
    }); // 12 + 20 + 8 + 14 (five ratings of 5) = 54
    m.m8 = await mentor('企业家丁', OPEN_ALL_DAY, { category: 'entrepreneur', expertise: ['marketing'] }); // 12 + 20 = 32
    m.m10 = await mentor('投资人戊', NONE, { category: 'investor', expertise: [] }); // 20
    m.m4 = await mentor('银行己', NONE, { category: 'banker', expertise: ['financing'] }); // 12: sixth, left out
    m.m3 = await mentor('律师庚', OPEN_ALL_DAY, { category: 'lawyer', expertise: ['legal'] }); // not relevant
    m.m5 = await mentor('投资人辛', OPEN_ALL_DAY, {
      category: 'investor',
      expertise: ['financing'],
      published: false,
    }); // unpublished: never suggested
    await invitedBy(m.m1, a);
    await invitedBy(m.m2, a);
    await invitedBy(m.m3, a);
    await invitedBy(m.m8, b);
    // m1's current load: two upcoming bookings by other founders.
    const slots = await slotsOf(t, m.m1.id);
    const others = await bulkFounders(t, 2);
    for (const [i, who] of others.entries())
      await t.http
        .post(`/api/mentors/${m.m1.id}/bookings`)
        .set(who.auth)
        .send({ startsAt: slots[5 + i].startsAt, topic: '融资' })
        .expect(201);
    // m2's past: five completed sessions rated 5, three months ago at carrier A.
    await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone,
                             rating, feedback_at, marked_at)
       SELECT $1, $2, $3, $4::timestamptz + make_interval(hours => i), $4::timestamptz + make_interval(hours => i + 1),
              'completed', '融资', 'UTC', 5, now(), now()
         FROM generate_series(0, 4) AS i`,
      [m.m2.id, others[0].id, a.organizationId, pastMonthStart().toISOString()],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** 00:00 in Shanghai on the first of the month three months ago. */
  function pastMonthStart(): Date {
    const [y, mo] = localDate('Asia/Shanghai', new Date()).split('-').map(Number);
    const first = new Date(Date.UTC(y, mo - 1 - 3, 1)).toISOString().slice(0, 10);
    return new Date(wallClockToUtc('Asia/Shanghai', first, 0));
  }
  const reason = (reasons: MatchReason[], code: string) => reasons.find((r) => r.code === code);

  it('suggests at most five relevant mentors, best first, each with its reasons', async () => {
    const res = await ask(founder, FINANCING).expect(201);
    const body = res.body as MentoringRequestView;
    expect(body.status).toBe('suggested');
    // No carrier chosen: the carrier of the best suggestion's mentor.
    expect(body.organizationId).toBe(a.organizationId);
    expect(body.suggestions.map((s) => s.mentorId)).toEqual([m.m1.id, m.m6.id, m.m2.id, m.m8.id, m.m10.id]);
    expect(body.suggestions.map((s) => s.score)).toEqual([58, 54, 54, 32, 20]);
    const [first, , third] = body.suggestions;
    expect(first.displayName).toBe('投资人甲');
    expect(reason(first.reasons, 'expertise')).toEqual({
      code: 'expertise',
      points: 12,
      matched: ['financing'],
    });
    expect(reason(first.reasons, 'category')).toEqual({ code: 'category', points: 20, category: 'investor' });
    expect(reason(first.reasons, 'languages')).toEqual({ code: 'languages', points: 10, matched: ['zh-CN'] });
    expect(reason(first.reasons, 'freeSlots')).toMatchObject({ points: 20, days: 14 });
    expect(reason(first.reasons, 'load')).toEqual({ code: 'load', points: -4, upcoming: 2 });
    expect(reason(third.reasons, 'rating')).toEqual({ code: 'rating', points: 14, average: 5, count: 5 });
    expect(reason(third.reasons, 'freeSlots')).toEqual({ code: 'freeSlots', points: 8, count: 4, days: 14 });
    expect(reason(third.reasons, 'languages')).toBeUndefined();
    // The next slot is the one the booking page offers first.
    const next = await t.http.get(`/api/mentors/${m.m2.id}/next-slot`).expect(200);
    expect(third.nextSlot).toBe(next.body.slot.startsAt);
    expect(body.suggestions.find((s) => s.mentorId === m.m10.id)!.nextSlot).toBeNull();
    // Expertise from the stage alone; the unpublished and the unrelated are never suggested.
    const ids = body.suggestions.map((s) => s.mentorId);
    expect(ids).not.toContain(m.m5.id);
    expect(ids).not.toContain(m.m3.id);
  });

  it('suggests nothing when no mentor fits, and refuses bad needs with 400', async () => {
    const none = await ask(founder, { need: '想找人聊聊量子计算', organizationId: b.organizationId }).expect(
      201,
    );
    expect(none.body.suggestions).toEqual([]);
    expect(none.body.organizationId).toBe(b.organizationId);
    for (const bad of [
      {},
      { need: '   ' },
      { need: 'x'.repeat(2001) },
      { need: '融资', category: 'astronaut' },
      { need: '融资', industry: 'space' },
      { need: '融资', stage: 'unicorn' },
      { need: '融资', organizationId: 'not-a-uuid' },
      { need: '融资', organizationId: randomUUID() },
    ]) {
      const res = await ask(founder, bad);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    await t.http.post('/api/mentoring-requests').send(FINANCING).expect(401);
    // Each need scores the whole pool: 20 a day per founder, then 429 with Retry-After.
    const [busy] = await bulkFounders(t, 1);
    await t.db.query(
      `INSERT INTO mentoring_requests (organization_id, founder_id, need, created_at)
       SELECT $1, $2, '融资', now() - interval '1 hour' FROM generate_series(1, 20)`,
      [b.organizationId, busy.id],
    );
    const limited = await ask(busy, FINANCING);
    expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(22 * 3600);
  });

  describe('the carrier queue', () => {
    let needA: MentoringRequestView;
    let needB: MentoringRequestView;

    beforeAll(async () => {
      needA = (await ask(founder, FINANCING).expect(201)).body;
      needB = (
        await ask(founder2, {
          need: 'Brand and sales for our shop',
          organizationId: b.organizationId,
        }).expect(201)
      ).body;
    });

    it("puts a need in its carrier's queue at its founder's request only", async () => {
      await t.http.post(`/api/mentoring-requests/${needA.id}/queue`).set(founder2.auth).expect(404);
      await t.http.post(`/api/mentoring-requests/${needA.id}/queue`).set(a.organizer.auth).expect(404);
      const queued = await t.http
        .post(`/api/mentoring-requests/${needA.id}/queue`)
        .set(founder.auth)
        .expect(200);
      expect(queued.body).toMatchObject({ status: 'open', organizationId: a.organizationId });
      expect(queued.body.queuedAt).toEqual(expect.any(String));
      await t.http.post(`/api/mentoring-requests/${needB.id}/queue`).set(founder2.auth).expect(200);
    });

    it("lists each carrier's open needs to its organizers, all to admins", async () => {
      const list = async (who: SignedUp, query: Record<string, string> = {}) =>
        (await t.http.get('/api/mentoring-requests').query(query).set(who.auth).expect(200))
          .body as MentoringRequestView[];
      const idsA = (await list(a.organizer)).map((r) => r.id);
      expect(idsA).toContain(needA.id);
      expect(idsA).not.toContain(needB.id);
      const idsB = (await list(b.organizer)).map((r) => r.id);
      expect(idsB).toEqual([needB.id]);
      const all = (await list(a.admin)).map((r) => r.id);
      expect(all).toEqual(expect.arrayContaining([needA.id, needB.id]));
      expect((await list(a.admin, { organizationId: b.organizationId })).map((r) => r.id)).toEqual([
        needB.id,
      ]);
      const entry = (await list(a.organizer)).find((r) => r.id === needA.id)!;
      expect(entry.founder).toMatchObject({ id: founder.id, displayName: '林创业' });
      expect(entry.need).toBe(FINANCING.need);
      // Suggested (not queued) needs are not in the open queue.
      expect((await list(a.organizer, { status: 'suggested' })).every((r) => r.status === 'suggested')).toBe(
        true,
      );
      await t.http
        .get('/api/mentoring-requests')
        .query({ organizationId: b.organizationId })
        .set(a.organizer.auth)
        .expect(403);
      await t.http.get('/api/mentoring-requests').set(founder.auth).expect(403);
      await t.http.get('/api/mentoring-requests').query({ status: 'lost' }).set(a.admin.auth).expect(400);
    });

    it("lets only the need's carrier assign a published mentor, and tells the founder in their language", async () => {
      const assign = (who: SignedUp, id: string, mentorId: string) =>
        t.http.post(`/api/mentoring-requests/${id}/assign`).set(who.auth).send({ mentorId });
      expect((await assign(b.organizer, needA.id, m.m3.id)).status).toBe(404);
      expect((await assign(founder, needA.id, m.m3.id)).status).toBe(403);
      expect((await assign(m.m3, needA.id, m.m3.id)).status).toBe(403);
      expect((await assign(a.organizer, randomUUID(), m.m3.id)).status).toBe(404);
      for (const mentorId of [randomUUID(), m.m5.id, founder2.id, founder.id]) {
        const res = await assign(a.organizer, needA.id, mentorId);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(
        (await t.http.post(`/api/mentoring-requests/${needA.id}/assign`).set(a.organizer.auth).send({}))
          .status,
      ).toBe(400);
      const done = await assign(a.organizer, needA.id, m.m3.id).expect(200);
      expect(done.body).toMatchObject({
        status: 'assigned',
        assignedMentor: { id: m.m3.id, displayName: '律师庚' },
      });
      await assign(a.admin, needB.id, m.m8.id).expect(200);

      const mails: { recipient: string; subject: string; text_body: string }[] = await t.db.query(
        `SELECT recipient, subject, text_body FROM outbox_messages WHERE template = 'mentoringAssigned' ORDER BY created_at`,
      );
      expect(mails.map((x) => x.recipient)).toEqual([founder.email, founder2.email]);
      expect(mails[0].subject).toBe('载体为您安排了导师：律师庚');
      expect(mails[0].text_body).toContain(`/mentors/${m.m3.id}`);
      expect(mails[1].subject).toBe('A mentor was assigned to you: 企业家丁');

      // The founder sees the assigned mentor; it has left the open queue.
      const mine = (await t.http.get('/api/me/mentoring-requests').set(founder.auth).expect(200))
        .body as MentoringRequestView[];
      expect(mine.find((r) => r.id === needA.id)).toMatchObject({
        status: 'assigned',
        assignedMentor: { id: m.m3.id },
      });
      expect(mine.every((r) => r.founder.id === founder.id)).toBe(true);
      const open = (await t.http.get('/api/mentoring-requests').set(a.organizer.auth).expect(200)).body;
      expect(open.map((r: MentoringRequestView) => r.id)).not.toContain(needA.id);
    });

    it("is matched by the founder's booking with the assigned mentor, and then closed", async () => {
      const [slot] = await slotsOf(t, m.m3.id);
      const booking = await t.http
        .post(`/api/mentors/${m.m3.id}/bookings`)
        .set(founder.auth)
        .send({ startsAt: slot.startsAt, topic: '合同审查' })
        .expect(201);
      const mine = (await t.http.get('/api/me/mentoring-requests').set(founder.auth).expect(200))
        .body as MentoringRequestView[];
      const matched = mine.find((r) => r.id === needA.id)!;
      expect(matched).toMatchObject({
        status: 'matched',
        bookingId: booking.body.id,
        firstSessionAt: slot.startsAt,
      });
      expect(Date.parse(matched.bookedAt!)).toBeGreaterThanOrEqual(Date.parse(matched.createdAt));
      // Only that need: the founder's other needs did not suggest or assign this mentor.
      expect(mine.filter((r) => r.status === 'matched')).toHaveLength(1);
      const again = await t.http
        .post(`/api/mentoring-requests/${needA.id}/assign`)
        .set(a.organizer.auth)
        .send({ mentorId: m.m1.id });
      expect([again.status, again.body.code]).toEqual([409, 'MENTORING_REQUEST_CLOSED']);
      const queue = await t.http.post(`/api/mentoring-requests/${needA.id}/queue`).set(founder.auth);
      expect([queue.status, queue.body.code]).toEqual([409, 'MENTORING_REQUEST_CLOSED']);
    });

    it('matches a suggested mentor too, never a withdrawn need', async () => {
      const withdrawn = (await ask(founder2, FINANCING).expect(201)).body as MentoringRequestView;
      await t.http.post(`/api/mentoring-requests/${withdrawn.id}/withdraw`).set(founder.auth).expect(404);
      await t.http.post(`/api/mentoring-requests/${withdrawn.id}/withdraw`).set(founder2.auth).expect(200);
      const live = (await ask(founder2, FINANCING).expect(201)).body as MentoringRequestView;
      const [slot] = await slotsOf(t, m.m6.id);
      await t.http
        .post(`/api/mentors/${m.m6.id}/bookings`)
        .set(founder2.auth)
        .send({ startsAt: slot.startsAt, topic: '融资' })
        .expect(201);
      const mine = (await t.http.get('/api/me/mentoring-requests').set(founder2.auth).expect(200))
        .body as MentoringRequestView[];
      expect(mine.find((r) => r.id === live.id)!.status).toBe('matched');
      expect(mine.find((r) => r.id === withdrawn.id)!.status).toBe('withdrawn');
    });
  });

  it('reports time to first session from the needs of the period', async () => {
    const from = new Date(Date.now() - HOUR).toISOString();
    const to = new Date(Date.now() + HOUR).toISOString();
    const res = await t.http
      .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
      .query({ from, to })
      .set(a.organizer.auth)
      .expect(200);
    const report = res.body as SupplyDemandView;
    const needs: {
      status: string;
      created_at: Date;
      booked_at: Date | null;
      first_session_at: Date | null;
    }[] = await t.db.query(
      `SELECT status, created_at, booked_at, first_session_at FROM mentoring_requests
          WHERE organization_id = $1 AND status <> 'withdrawn'`,
      [a.organizationId],
    );
    const matched = needs.filter((n) => n.status === 'matched');
    expect(matched.length).toBeGreaterThanOrEqual(2);
    const hours = (x: Date, y: Date) => Math.round(((y.getTime() - x.getTime()) / HOUR) * 10) / 10;
    const toSession = matched.map((n) => (n.first_session_at!.getTime() - n.created_at.getTime()) / HOUR);
    const median = (xs: number[]) => {
      const s = [...xs].sort((p, q) => p - q);
      const mid = s.length >> 1;
      return Math.round((s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2) * 10) / 10;
    };
    expect(report.timeToFirstSession).toEqual({
      requests: needs.length,
      matched: matched.length,
      open: needs.filter((n) => n.status === 'open').length,
      medianHoursToBooking: median(
        matched.map((n) => (n.booked_at!.getTime() - n.created_at.getTime()) / HOUR),
      ),
      medianHoursToSession: median(toSession),
      averageHoursToSession: Math.round((toSession.reduce((s, h) => s + h, 0) / toSession.length) * 10) / 10,
    });
    // The need matched by m3's booking: from the need to the session's start.
    const first = matched.map((n) => hours(n.created_at, n.first_session_at!));
    expect(first.every((h) => h >= 0)).toBe(true);
  });

  it('counts hours offered, booked and asked for per month and category, exactly', async () => {
    const start = pastMonthStart();
    const end = new Date(start.getTime() + 3 * DAY);
    const month = localDate('Asia/Shanghai', start).slice(0, 7);
    // Needs dated into the period: two for investors, one without a category, one withdrawn (left
    // out), one at carrier B (left out).
    const dated: string[] = [];
    for (const body of [FINANCING, FINANCING, { need: '想聊聊融资', organizationId: a.organizationId }])
      dated.push((await ask(founder, body).expect(201)).body.id);
    const gone = (await ask(founder, FINANCING).expect(201)).body.id;
    await t.http.post(`/api/mentoring-requests/${gone}/withdraw`).set(founder.auth).expect(200);
    const elsewhere = (await ask(founder, { ...FINANCING, organizationId: b.organizationId }).expect(201))
      .body.id;
    await t.db.query(`UPDATE mentoring_requests SET created_at = $2 WHERE id = ANY($1::uuid[])`, [
      [...dated, gone, elsewhere],
      new Date(start.getTime() + 2 * HOUR).toISOString(),
    ]);
    // A cancelled booking at A and one at B in the period: neither is booked time of A.
    await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone,
                             cancelled_at)
       VALUES ($1, $2, $3, $4::timestamptz + interval '1 day', $4::timestamptz + interval '1 day 1 hour', 'cancelled',
               '融资', 'UTC', now()),
              ($5, $2, $6, $4::timestamptz + interval '1 day', $4::timestamptz + interval '1 day 1 hour', 'completed',
               '营销', 'UTC', NULL)`,
      [m.m1.id, founder.id, a.organizationId, start.toISOString(), m.m8.id, b.organizationId],
    );
    const res = await t.http
      .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
      .query({ from: start.toISOString(), to: end.toISOString() })
      .set(a.organizer.auth)
      .expect(200);
    const report = res.body as SupplyDemandView;
    expect(report.timeZone).toBe('Asia/Shanghai');
    // Offered: m1 all day (72 hours of investor time), m2 only on dates ahead, m3 all day (72 lawyer
    // hours). Booked: m2's five rated hours. Asked: one hour per need.
    expect(report.rows).toEqual([
      { month, category: 'investor', offeredHours: 72, bookedHours: 5, askedHours: 2 },
      { month, category: 'lawyer', offeredHours: 72, bookedHours: 0, askedHours: 0 },
      { month, category: 'unspecified', offeredHours: 0, bookedHours: 0, askedHours: 1 },
    ]);
    expect(report.timeToFirstSession).toMatchObject({ requests: 3, matched: 0, open: 0 });

    // Another carrier's organizer and founders are refused; a bad period is a 400.
    await t.http
      .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
      .set(b.organizer.auth)
      .expect(403);
    await t.http
      .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
      .set(founder.auth)
      .expect(403);
    await t.http
      .get(`/api/organizations/${randomUUID()}/mentoring/supply-demand`)
      .set(a.admin.auth)
      .expect(404);
    for (const query of [
      { from: end.toISOString(), to: start.toISOString() },
      { from: start.toISOString(), to: new Date(start.getTime() + 400 * DAY).toISOString() },
      { from: 'yesterday' },
    ]) {
      const bad = await t.http
        .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
        .query(query)
        .set(a.organizer.auth);
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    // The default period (this month and the five before) answers too.
    const defaults = await t.http
      .get(`/api/organizations/${a.organizationId}/mentoring/supply-demand`)
      .set(a.admin.auth)
      .expect(200);
    expect(Date.parse(defaults.body.to) - Date.parse(defaults.body.from)).toBeGreaterThan(150 * DAY);
  });
});
