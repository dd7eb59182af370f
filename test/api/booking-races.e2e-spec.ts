import type { SlotView } from '@wutong/shared';
import { SmtpSink } from '../support/smtp-sink';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { bulkFounders, makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

jest.setTimeout(120_000);

/**
 * Bookings of one mentor are decided in parallel (no lock on the mentor): the limits must still hold
 * when many requests try to pass them at the same instant.
 */
const book = (t: TestApp, mentorId: string, who: SignedUp, startsAt: string) =>
  t.http
    .post(`/api/mentors/${mentorId}/bookings`)
    .set(who.auth)
    .send({ startsAt, topic: '股权结构怎么设计' });

/** Whole UTC days among the slots (24 hour-long slots each), keyed by date. */
function wholeDays(slots: SlotView[]): SlotView[][] {
  const byDay = new Map<string, SlotView[]>();
  for (const s of slots)
    byDay.set(s.startsAt.slice(0, 10), [...(byDay.get(s.startsAt.slice(0, 10)) ?? []), s]);
  return [...byDay.values()].filter((d) => d.length === 24);
}

const tally = (answers: { status: number; body: { code?: string } }[]) => {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status === 201 ? '201' : `${a.status} ${a.body.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

describe('parallel bookings against the limits', () => {
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

  it('keeps a daily maximum of 3 when 72 founders book every slot of three days at once, and one slot to one founder', async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, maxPerDay: 3 });
    const days = wholeDays(await slotsOf(t, mentor.id, 5)).slice(0, 3);
    expect(days).toHaveLength(3);
    const founders = await bulkFounders(t, 72 + 20);
    const wanted = days.flat();
    // 72 founders on 72 different slots, and 20 more all on the first slot of the first day.
    const answers = await Promise.all([
      ...wanted.map((s, i) => book(t, mentor.id, founders[i], s.startsAt)),
      ...founders.slice(72).map((f) => book(t, mentor.id, f, wanted[0].startsAt)),
    ]);
    expect(tally(answers)).toEqual({ '201': 9, '409 SLOT_UNAVAILABLE': 83 });

    const perDay: { day: string; n: number }[] = await t.db.query(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
         FROM bookings WHERE mentor_id = $1 AND status = 'confirmed' GROUP BY 1 ORDER BY 1`,
      [mentor.id],
    );
    expect(perDay).toEqual(days.map((d) => ({ day: d[0].startsAt.slice(0, 10), n: 3 })));
    const [{ twice }] = await t.db.query(
      `SELECT count(*)::int AS twice FROM bookings a JOIN bookings b ON a.mentor_id = b.mentor_id AND a.id < b.id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at) WHERE a.mentor_id = $1`,
      [mentor.id],
    );
    expect(twice).toBe(0);
    // Every day is full now: no slot of those days is offered.
    const left = (await slotsOf(t, mentor.id, 5)).filter((s) =>
      days.some((d) => d[0].startsAt.slice(0, 10) === s.startsAt.slice(0, 10)),
    );
    expect(left).toEqual([]);
  });

  it('holds one founder to 2 future bookings with a mentor when 12 of their requests arrive at once', async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, maxFuturePerFounder: 2 });
    const founder = await signup(t);
    const slots = (await slotsOf(t, mentor.id, 3)).slice(0, 24).filter((_, i) => i % 2 === 0);
    const answers = await Promise.all(slots.map((s) => book(t, mentor.id, founder, s.startsAt)));
    expect(tally(answers)).toEqual({ '201': 2, '409 BOOKING_LIMIT': 10 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE founder_id = $1`, [
      founder.id,
    ]);
    expect(n).toBe(2);
  });

  it('holds one founder to 5 open bookings across mentors when 12 requests to 4 mentors arrive at once', async () => {
    const mentors = await Promise.all([1, 2, 3, 4].map(() => makeMentor(t)));
    const founder = await signup(t);
    const requests = await Promise.all(
      mentors.map(async (m) => (await slotsOf(t, m.id, 2)).slice(0, 3).map((s) => [m.id, s.startsAt])),
    );
    const answers = await Promise.all(requests.flat().map(([m, at]) => book(t, m, founder, at)));
    expect(tally(answers)).toEqual({ '201': 5, '409 OPEN_BOOKINGS_LIMIT': 7 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE founder_id = $1`, [
      founder.id,
    ]);
    expect(n).toBe(5);
  });

  it('keeps the daily maximum when bookings are moved into a full day at once', async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, maxPerDay: 2 });
    const [dayA, dayB, dayC] = wholeDays(await slotsOf(t, mentor.id, 5));
    const founders = await bulkFounders(t, 6);
    // Two bookings on each of days A, B and C (the maximum), then four of them moved to day D at once.
    const made = await Promise.all(
      founders.map((f, i) => book(t, mentor.id, f, [dayA, dayB, dayC][i % 3][i].startsAt).expect(201)),
    );
    const dayD = wholeDays(await slotsOf(t, mentor.id, 6)).find(
      (d) => ![dayA, dayB, dayC].some((x) => x[0].startsAt.slice(0, 10) === d[0].startsAt.slice(0, 10)),
    )!;
    const moves = await Promise.all(
      made
        .slice(0, 4)
        .map((b, i) =>
          t.http
            .post(`/api/bookings/${b.body.id}/reschedule`)
            .set(founders[i].auth)
            .send({ startsAt: dayD[i].startsAt }),
        ),
    );
    expect(tally(moves.map((m) => ({ status: m.status === 200 ? 201 : m.status, body: m.body })))).toEqual({
      '201': 2,
      '409 SLOT_UNAVAILABLE': 2,
    });
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE mentor_id = $1 AND starts_at >= $2 AND starts_at < $3::timestamptz + interval '1 hour'`,
      [mentor.id, dayD[0].startsAt, dayD[23].startsAt],
    );
    expect(n).toBe(2);
  });
});
