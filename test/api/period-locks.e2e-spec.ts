import type { DashboardView, EventView } from '@wutong/shared';
import { eventBody, publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

/** `YYYY-MM` of a month some days back, and an instant on its 15th at 19:00 in Shanghai (no month edge near). */
function pastMonth(daysBack: number): { month: string; year: number; at: (hour?: number) => string } {
  const d = new Date(Date.now() + 8 * 3600_000 - daysBack * DAY); // Shanghai's calendar
  const year = d.getUTCFullYear();
  const month = `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return { month, year, at: (hour = 19) => `${month}-15T${String(hour).padStart(2, '0')}:00:00+08:00` };
}

const twoHours = (startsAt: string) => ({
  startsAt,
  endsAt: new Date(new Date(startsAt).getTime() + 2 * 3600_000).toISOString(),
});

/** The figures of a dashboard, without what moves with the clock (as-of time, pace, forecast). */
const figures = (d: DashboardView) =>
  d.metrics.map((m) => ({
    metric: m.metric,
    actual: m.actual,
    byMonth: m.byMonth,
    byType: m.byType,
    byCarrier: m.byCarrier,
  }));

describe('reported periods: a locked month keeps its numbers', () => {
  let t: TestApp;
  let c: Carrier;
  let founders: SignedUp[];
  let mentor: SignedUp;
  const locked = pastMonth(45);
  const before = pastMonth(80);
  let event: EventView;
  let elsewhere: EventView;
  let tickets: string[];
  let firstCheckIn: string;

  const dashboard = async (): Promise<DashboardView> =>
    (
      await t.http
        .get('/api/dashboard')
        .query({ year: locked.year, organizationId: c.organizationId })
        .set(c.organizer.auth)
        .expect(200)
    ).body;
  const checkIn = (body: object, sessionId = event.sessions[0].id) =>
    t.http.post(`/api/sessions/${sessionId}/check-ins`).set(c.organizer.auth).send(body);
  const lock = (who: SignedUp, month = locked.month, body: object = { reason: '11 月报表已上报' }) =>
    t.http.put(`/api/periods/${month}/lock`).set(who.auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    founders = [await signup(t), await signup(t), await signup(t)];
    mentor = await signup(t);
    await grantRole(t, mentor.id, 'mentor');
    // Registered while ahead, then recorded where it was held: the 15th of the month to be locked.
    event = await publishedEvent(t, c, { title: '已上报月份的沙龙', sessions: sessions(1, 10) });
    tickets = [];
    for (const f of founders) {
      const reg = await t.http.post(`/api/events/${event.id}/registrations`).set(f.auth).send({}).expect(201);
      tickets.push(reg.body.ticketCode);
    }
    event = (
      await t.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ sessions: [{ id: event.sessions[0].id, ...twoHours(locked.at()) }] })
        .expect(200)
    ).body;
    elsewhere = await publishedEvent(t, c, { title: '更早的沙龙', sessions: [twoHours(before.at())] });
    firstCheckIn = (await checkIn({ ticketCode: tickets[0] }).expect(201)).body.checkIn.id;
    await checkIn({ walkIn: { name: '张三', phone: '13800138000' } }).expect(201);
  });
  afterAll(() => t.close());

  it('is for admins only: organizers, mentors and founders are refused (403), anonymous 401', async () => {
    await lock(c.organizer).expect(403);
    await lock(mentor).expect(403);
    await lock(founders[0]).expect(403);
    await t.http.put(`/api/periods/${locked.month}/lock`).send({}).expect(401);
    await t.http.get('/api/periods/locks').set(c.organizer.auth).expect(403);
    await t.http
      .delete(`/api/periods/${locked.month}/lock`)
      .set(c.organizer.auth)
      .send({ reason: '补录' })
      .expect(403);
    await lock(c.admin, '2026-13').expect(404);
    await lock(c.admin, '202611').expect(404);
    await lock(c.admin, locked.month, { reason: 'x'.repeat(501) }).expect(400);
    await lock(c.admin, locked.month, { note: 'x' }).expect(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM period_locks`);
    expect(n).toBe(0);
  });

  it('refuses check-ins, walk-ins, undos and session moves in the locked month, and its figures stay', async () => {
    const figuresBefore = figures(await dashboard());
    const monthIndex = Number(locked.month.slice(5)) - 1;
    const visits = figuresBefore.find((m) => m.metric === 'participant_visits')!;
    expect(visits.byMonth[monthIndex]).toBe(2); // the ticket and the walk-in: the figures are not empty
    const res = await lock(c.admin).expect(200);
    expect(res.body).toMatchObject({
      month: locked.month,
      reason: '11 月报表已上报',
      lockedBy: { id: c.admin.id },
    });
    // Locking again changes nothing.
    await lock(c.admin, locked.month, {}).expect(200);
    const list = await t.http.get('/api/periods/locks').set(c.admin.auth).expect(200);
    expect(list.body.map((l: { month: string }) => l.month)).toEqual([locked.month]);

    const refused = async (req: Promise<{ status: number; body: { code: string; details: unknown } }>) => {
      const r = await req;
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('PERIOD_LOCKED');
      expect(r.body.details).toEqual({ month: locked.month });
    };
    await refused(checkIn({ ticketCode: tickets[1] }));
    await refused(checkIn({ walkIn: { name: '李四' } }));
    await refused(t.http.delete(`/api/check-ins/${firstCheckIn}`).set(c.organizer.auth));
    await refused(t.http.delete(`/api/check-ins/${firstCheckIn}`).set(c.admin.auth));
    // Moving the session out of the month, and another one into it (old and new times both count).
    await refused(
      t.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ sessions: [{ id: event.sessions[0].id, ...twoHours(before.at(9)) }] }),
    );
    await refused(
      t.http
        .patch(`/api/events/${elsewhere.id}`)
        .set(c.organizer.auth)
        .send({ sessions: [{ id: elsewhere.sessions[0].id, ...twoHours(locked.at(9)) }] }),
    );
    // Adding a session in the month, or dropping the month's session, changes its numbers too.
    await refused(
      t.http
        .patch(`/api/events/${elsewhere.id}`)
        .set(c.organizer.auth)
        .send({
          sessions: [{ id: elsewhere.sessions[0].id, ...twoHours(before.at()) }, twoHours(locked.at(9))],
        }),
    );
    await refused(
      t.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ sessions: [twoHours(before.at(9))] }),
    );
    // What does not touch the month's figures goes on: the same person again, the title, another month.
    const again = await checkIn({ ticketCode: tickets[0] }).expect(200);
    expect(again.body.alreadyCheckedIn).toBe(true);
    await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ title: '已上报月份的沙龙（回顾）' })
      .expect(200);
    await t.http
      .patch(`/api/events/${elsewhere.id}`)
      .set(c.organizer.auth)
      .send({ sessions: [{ id: elsewhere.sessions[0].id, ...twoHours(before.at(14)) }] })
      .expect(200);

    expect(figures(await dashboard())).toEqual(figuresBefore);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [
      event.id,
    ]);
    expect(n).toBe(2);
  });

  it('reads the month on the carrier’s wall clock: 1st 01:00 in Shanghai is still the day before in UTC', async () => {
    const edge = await publishedEvent(t, c, { sessions: [twoHours(`${locked.month}-01T01:00:00+08:00`)] });
    const r = await checkIn({ walkIn: { name: '王五' } }, edge.sessions[0].id).expect(409);
    expect(r.body).toMatchObject({ code: 'PERIOD_LOCKED', details: { month: locked.month } });
  });

  it('unlocks only with a reason, audited; then the month takes changes again', async () => {
    const unlock = (body: object) =>
      t.http.delete(`/api/periods/${locked.month}/lock`).set(c.admin.auth).send(body);
    expect((await unlock({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await unlock({ reason: '   ' }).expect(400);
    await t.http.delete(`/api/periods/${locked.month}/lock`).set(c.admin.auth).expect(400);
    await unlock({ reason: '补录 15 日漏签的一人' }).expect(204);
    await unlock({ reason: '再次解锁' }).expect(404);
    const audit: { action: string; details: { reason: string } }[] = await t.db.query(
      `SELECT action, details FROM audit_log WHERE target_type = 'period' AND target_id = $1 ORDER BY created_at, action`,
      [locked.month],
    );
    expect(audit.map((a) => [a.action, a.details.reason])).toEqual([
      ['period.lock', '11 月报表已上报'],
      ['period.unlock', '补录 15 日漏签的一人'],
    ]);
    const visits = async () =>
      (await dashboard()).metrics.find((m) => m.metric === 'participant_visits')!.byMonth[
        Number(locked.month.slice(5)) - 1
      ];
    const visitsBefore = await visits();
    await checkIn({ ticketCode: tickets[1] }).expect(201);
    await t.http.delete(`/api/check-ins/${firstCheckIn}`).set(c.organizer.auth).expect(204);
    await checkIn({ walkIn: { name: '李四' } }).expect(201);
    expect(await visits()).toBe(visitsBefore + 1);
    const list = await t.http.get('/api/periods/locks').set(c.admin.auth).expect(200);
    expect(list.body).toEqual([]);
  });

  it('leaves drafts and new events alone: creating an event in a locked month is allowed', async () => {
    await lock(c.admin).expect(200);
    await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId, { sessions: [twoHours(locked.at(10))] }))
      .expect(201);
    await t.http
      .delete(`/api/periods/${locked.month}/lock`)
      .set(c.admin.auth)
      .send({ reason: '测试结束' })
      .expect(204);
  });

  it('is race-free: check-ins racing the lock either land before it or are refused', async () => {
    const rush = await publishedEvent(t, c, { sessions: [twoHours(locked.at(15))] });
    const rushIn = (from: number) =>
      Array.from({ length: 30 }, (_, i) =>
        checkIn({ walkIn: { name: `排队者 ${from + i}` } }, rush.sessions[0].id).then((r) => r.status),
      );
    const early = rushIn(0);
    // supertest sends on then(): the lock goes out between the two waves.
    const locking = lock(c.admin).then((r) => r.status);
    const late = rushIn(100);
    expect(await locking).toBe(200);
    const walkIns = [...early, ...late];
    // Once the lock is answered, whatever got in before it has committed: the figures are final.
    const atLock = figures(await dashboard());
    const statuses = await Promise.all(walkIns);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(figures(await dashboard())).toEqual(atLock);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [
      rush.id,
    ]);
    expect(n).toBe(statuses.filter((s) => s === 201).length);
  });
});
