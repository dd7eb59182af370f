import ExcelJS from 'exceljs';
import type { DashboardView, EventType, MetricProgress } from '@wutong/shared';
import { MetricsQueries, type MetricActuals } from '../../apps/api/src/reporting/metrics.queries';
import { sessions } from '../support/events';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * A year of activity built through the API (carriers in two zones, events, registrations,
 * check-ins, walk-ins), then every dashboard number checked against counts worked out by hand from
 * the rules of docs/product.md. Completed mentoring bookings are inserted in SQL: the API only completes a
 * booking after it has started, and these lie in the past.
 */
/**
 * The counting rules (docs/product.md) are checked here, in one place: the rules' cases by value, and
 * the dashboard's rollup (triggers, metrics.queries.ts `fromRollup`) against counting from scratch
 * (`fromScratch`) after every kind of change, for every metric, scope and year touched. A change to
 * a rule changes both definitions and this file.
 */
describe('targets, dashboard and the annual report', () => {
  let t: TestApp;
  let admin: SignedUp;
  let orgA: { id: string; organizer: SignedUp };
  let orgB: { id: string; organizer: SignedUp };
  let f: SignedUp[];

  const carrier = async (name: string, timeZone: string) => {
    const org = await t.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name, kind: 'incubator', timeZone })
      .expect(201);
    const organizer = await signup(t);
    await t.http
      .post(`/api/organizations/${org.body.id}/members`)
      .set(admin.auth)
      .send({ userId: organizer.id })
      .expect(201);
    return { id: org.body.id as string, organizer };
  };

  /** An event registered for while ahead, then moved to when it took place (organizers backfill). */
  const heldEvent = async (
    org: { id: string; organizer: SignedUp },
    type: EventType,
    starts: string[],
    registrants: SignedUp[],
  ) => {
    const created = await t.http
      .post('/api/events')
      .set(org.organizer.auth)
      .send({
        organizationId: org.id,
        type,
        title: `${type} ${starts[0]}`,
        description: '',
        capacity: 20,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: sessions(starts.length),
      })
      .expect(201);
    const id: string = created.body.id;
    await t.http.post(`/api/events/${id}/publish`).set(org.organizer.auth).expect(200);
    const tickets: string[] = [];
    for (const r of registrants)
      tickets.push(
        (await t.http.post(`/api/events/${id}/registrations`).set(r.auth).send({}).expect(201)).body
          .ticketCode,
      );
    const moved = starts.map((s, i) => ({
      id: created.body.sessions[i].id,
      startsAt: s,
      endsAt: new Date(Date.parse(s) + 2 * 3600_000).toISOString(),
    }));
    await t.http.patch(`/api/events/${id}`).set(org.organizer.auth).send({ sessions: moved }).expect(200);
    const checkIn = (session: number, body: object) =>
      t.http
        .post(`/api/sessions/${created.body.sessions[session].id}/check-ins`)
        .set(org.organizer.auth)
        .send(body)
        .expect(201);
    return { id, tickets, checkIn };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t);
    await grantRole(t, admin.id, 'admin');
    orgA = await carrier('衡阳孵化器', 'Asia/Shanghai');
    orgB = await carrier('New York Hub', 'America/New_York');
    f = [
      await signup(t, { displayName: 'f1' }),
      await signup(t, { displayName: 'f2' }),
      await signup(t, { displayName: 'f3' }),
      await signup(t, { displayName: 'f4' }),
    ];
    await t.http
      .patch('/api/me')
      .set(f[0].auth)
      .send({ company: { name: '同一家公司', creditCode: '91350100M000100Y43' } })
      .expect(200);
    await t.http
      .patch('/api/me')
      .set(f[1].auth)
      .send({ company: { name: '同一家公司（分部）', creditCode: '91350100M000100Y43' } })
      .expect(200);
    await t.http
      .patch('/api/me')
      .set(f[2].auth)
      .send({ company: { name: '第二家公司' } })
      .expect(200);
    await t.http
      .patch('/api/me')
      .set(f[3].auth)
      .send({ company: { name: '第三家公司' } })
      .expect(200);

    // E1: 31 December 23:30 in Shanghai counts in that year.
    const e1 = await heldEvent(orgA, 'salon', ['2025-12-31T15:30:00Z'], [f[0]]);
    await e1.checkIn(0, { ticketCode: e1.tickets[0] });
    await e1.checkIn(0, { walkIn: { name: '王五', phone: '138 0000 0001' } });
    // E2: a three-session training in March: f1 at all, f2 at one, a walk-in without phone at two.
    const e2 = await heldEvent(
      orgA,
      'training',
      ['2025-03-10T11:00:00Z', '2025-03-11T11:00:00Z', '2025-03-12T11:00:00Z'],
      [f[0], f[1], f[2]],
    );
    for (const s of [0, 1, 2]) await e2.checkIn(s, { ticketCode: e2.tickets[0] });
    await e2.checkIn(0, { ticketCode: e2.tickets[1] });
    await e2.checkIn(0, { walkIn: { name: '路人甲' } });
    await e2.checkIn(1, { walkIn: { name: '路人甲' } });
    // E3: 1 January 00:30 in Shanghai counts in the next year.
    const e3 = await heldEvent(orgA, 'salon', ['2025-12-31T16:30:00Z'], [f[2]]);
    await e3.checkIn(0, { ticketCode: e3.tickets[0] });
    // E4: held, then cancelled: counts nowhere.
    const e4 = await heldEvent(orgA, 'roadshow', ['2025-06-01T06:00:00Z'], [f[3]]);
    await e4.checkIn(0, { ticketCode: e4.tickets[0] });
    await t.http.post(`/api/events/${e4.id}/cancel`).set(orgA.organizer.auth).expect(200);
    // E5: registrations but nobody came: not held.
    await heldEvent(orgA, 'salon', ['2025-05-05T06:00:00Z'], [f[0]]);
    // E6: New York, 31 December 22:00 local (1 January in UTC): 2025 for that carrier. The same
    // founder and the same walk-in phone as in Shanghai: one person each, base-wide.
    const e6 = await heldEvent(orgB, 'salon', ['2026-01-01T03:00:00Z'], [f[0]]);
    await e6.checkIn(0, { ticketCode: e6.tickets[0] });
    await e6.checkIn(0, { walkIn: { name: 'Wang Wu', phone: '+86 13800000001' } });
    // E7: 29 February of a leap year, one already past (check-ins open only a day before a session).
    const e7 = await heldEvent(orgA, 'hr_workshop', ['2024-02-29T02:00:00Z'], [f[1]]);
    await e7.checkIn(0, { ticketCode: e7.tickets[0] });

    // Mentoring: completed bookings count (with or without a carrier), a cancelled one does not.
    const mentor = await signup(t);
    await grantRole(t, mentor.id, 'mentor');
    await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone) VALUES
         ($1, $2, $4, '2025-04-02T02:00:00Z', '2025-04-02T03:00:00Z', 'completed', '融资', 'Asia/Shanghai'),
         ($1, $3, NULL, '2025-09-02T02:00:00Z', '2025-09-02T03:00:00Z', 'completed', '财税', 'Asia/Shanghai'),
         ($1, $2, $4, '2025-10-02T02:00:00Z', '2025-10-02T03:00:00Z', 'cancelled', '法务', 'Asia/Shanghai')`,
      [mentor.id, f[3].id, f[2].id, orgA.id],
    );
  });
  afterAll(() => t.close());

  const get = async (who: SignedUp, query: Record<string, string | number>): Promise<DashboardView> =>
    (await t.http.get('/api/dashboard').query(query).set(who.auth).expect(200)).body;
  const metric = (view: DashboardView, name: string): MetricProgress =>
    view.metrics.find((m) => m.metric === name)!;
  const actuals = (view: DashboardView) => Object.fromEntries(view.metrics.map((m) => [m.metric, m.actual]));

  it('counts the base-wide year by the rules: zones, year boundaries, cancelled, no-shows, walk-ins, one person once', async () => {
    const view = await get(admin, { year: 2025 });
    expect(view).toMatchObject({
      year: 2025,
      organizationId: null,
      timeZone: 'Asia/Shanghai',
      shareOfYearElapsed: 1,
    });
    expect(actuals(view)).toEqual({
      events_held: 3,
      sessions_held: 5,
      participant_visits: 10,
      unique_participants: 4,
      companies_served: 3,
      mentoring_sessions: 2,
    });
    const events = metric(view, 'events_held');
    expect(events.byMonth).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(events.byType!.filter((x) => x.actual > 0)).toEqual([
      { type: 'salon', actual: 2, target: null },
      { type: 'training', actual: 1, target: null },
    ]);
    expect(metric(view, 'participant_visits').byMonth).toEqual([0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(metric(view, 'participant_visits').byCarrier).toEqual([
      { organizationId: orgA.id, name: '衡阳孵化器', actual: 8 },
      { organizationId: orgB.id, name: 'New York Hub', actual: 2 },
    ]);
    const unique = metric(view, 'unique_participants');
    expect(unique.byMonth.reduce((a, b) => a + b, 0)).toBe(4);
    expect(unique.byCarrier.map((c) => c.actual)).toEqual([4, 2]);
    expect(metric(view, 'mentoring_sessions').byMonth).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('counts the next year and a leap day where they belong', async () => {
    expect(actuals(await get(admin, { year: 2026 }))).toMatchObject({
      events_held: 1,
      participant_visits: 1,
    });
    const leap = await get(admin, { year: 2024 });
    expect(metric(leap, 'events_held').byMonth[1]).toBe(1);
  });

  it('shows a carrier its own numbers, and refuses founders and other carriers', async () => {
    const mine = await get(orgA.organizer, { year: 2025, organizationId: orgA.id });
    expect(actuals(mine)).toEqual({
      events_held: 2,
      sessions_held: 4,
      participant_visits: 8,
      unique_participants: 4,
      companies_served: 2,
      mentoring_sessions: 1,
    });
    await t.http
      .get('/api/dashboard')
      .query({ year: 2025, organizationId: orgA.id })
      .set(orgB.organizer.auth)
      .expect(404);
    await t.http.get('/api/dashboard').query({ year: 2025 }).set(orgA.organizer.auth).expect(403);
    await t.http.get('/api/dashboard').query({ year: 2025 }).set(f[0].auth).expect(403);
    await t.http.get('/api/dashboard').query({ year: 2025 }).expect(401);
    expect(
      (await t.http.get('/api/dashboard').query({ year: 1999 }).set(admin.auth).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('names carriers as they are now: one renamed elsewhere or added is seen by the next request', async () => {
    const nameOfA = async () =>
      (await get(admin, { year: 2025 })).metrics
        .find((m) => m.metric === 'participant_visits')!
        .byCarrier.find((c) => c.organizationId === orgA.id)?.name;
    const [{ name }] = await t.db.query(`SELECT name FROM organizations WHERE id = $1`, [orgA.id]);
    expect(await nameOfA()).toBe(name);
    // Renamed by another process of the API (straight in the database: this one is not told).
    await t.db.query(`UPDATE organizations SET name = '麓谷孵化器（新名）' WHERE id = $1`, [orgA.id]);
    try {
      expect(await nameOfA()).toBe('麓谷孵化器（新名）');
    } finally {
      await t.db.query(`UPDATE organizations SET name = $2 WHERE id = $1`, [orgA.id, name]);
    }
    expect(await nameOfA()).toBe(name);
    // A carrier added since the list was read: its organizer sees its (empty) dashboard at once.
    const added = await carrier('新开的孵化器', 'Asia/Shanghai');
    try {
      const view = await get(added.organizer, { year: 2025, organizationId: added.id });
      expect(view.organizationId).toBe(added.id);
      expect(actuals(view).participant_visits).toBe(0);
    } finally {
      // Removed again: the counting tests below build their own carrier tree over every carrier.
      await t.db.query(`DELETE FROM organization_members WHERE organization_id = $1`, [added.id]);
      await t.db.query(`DELETE FROM organizations WHERE id = $1`, [added.id]);
    }
  });

  it('sets targets (audited) and reports pace against them', async () => {
    await t.http
      .put('/api/targets/2025')
      .set(admin.auth)
      .send({ metric: 'events_held', value: 4 })
      .expect(200);
    await t.http
      .put('/api/targets/2025')
      .set(admin.auth)
      .send({ metric: 'events_held', eventType: 'salon', value: 1 })
      .expect(200);
    const updated = await t.http
      .put('/api/targets/2025')
      .set(admin.auth)
      .send({ metric: 'participant_visits', value: 8 })
      .expect(200);
    expect(updated.body).toMatchObject({
      year: 2025,
      organizationId: null,
      metric: 'participant_visits',
      value: 8,
    });
    await t.http
      .put('/api/targets/2025')
      .set(orgA.organizer.auth)
      .send({ metric: 'events_held', value: 4 })
      .expect(403);
    await t.http
      .put('/api/targets/2025')
      .set(orgB.organizer.auth)
      .send({ organizationId: orgA.id, metric: 'events_held', value: 4 })
      .expect(404);
    await t.http
      .put('/api/targets/2025')
      .set(orgA.organizer.auth)
      .send({ organizationId: orgA.id, metric: 'events_held', value: 2 })
      .expect(200);
    const bad = await t.http
      .put('/api/targets/2025')
      .set(admin.auth)
      .send({ metric: 'mentoring_sessions', eventType: 'salon', value: 3 })
      .expect(400);
    expect(bad.body.details[0].field).toBe('eventType');
    await t.http
      .put('/api/targets/2025')
      .set(admin.auth)
      .send({ metric: 'events_held', value: -1 })
      .expect(400);

    const view = await get(admin, { year: 2025 });
    expect(metric(view, 'events_held')).toMatchObject({
      target: 4,
      actual: 3,
      expectedToDate: 4,
      forecast: 3,
      status: 'behind',
      percent: 0.75,
    });
    expect(metric(view, 'events_held').byType!.find((x) => x.type === 'salon')).toEqual({
      type: 'salon',
      actual: 2,
      target: 1,
    });
    expect(metric(view, 'participant_visits')).toMatchObject({ target: 8, actual: 10, status: 'ahead' });
    expect(metric(view, 'sessions_held')).toMatchObject({ target: null, status: 'no_target' });
    const carrierView = await get(orgA.organizer, { year: 2025, organizationId: orgA.id });
    expect(metric(carrierView, 'events_held')).toMatchObject({ target: 2, actual: 2, status: 'on_track' });
    const audit = await t.db.query(
      `SELECT details FROM audit_log WHERE action = 'target.set' ORDER BY created_at`,
    );
    expect(audit.map((a: { details: { to: number } }) => a.details.to)).toEqual([4, 1, 8, 2]);
  });

  it('writes the same numbers into the annual workbook and the CSV', async () => {
    const res = await t.http
      .get('/api/reports/annual.xlsx')
      .query({ year: 2025 })
      .set(admin.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('年度报告-全基地-2025.xlsx')}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '月度',
      '举办活动',
      '导师辅导',
      '活动满意度',
    ]);
    const summary = book.getWorksheet('汇总')!;
    expect(summary.getRow(3).values).toEqual([
      undefined,
      '指标',
      '年度目标',
      '实际完成',
      '完成率',
      '按进度应完成',
      '全年预计',
      '状态',
    ]);
    const rows = [4, 5, 6, 7, 8, 9].map((r) => (summary.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['举办活动场次', 3],
      ['活动场次（按场）', 5],
      ['参与人次', 10],
      ['参与人数', 4],
      ['服务企业数', 3],
      ['辅导次数', 2],
    ]);
    expect(rows[0][1]).toBe(4);
    expect(rows[0][6]).toBe('落后');
    const months = book.getWorksheet('月度')!;
    expect((months.getRow(4).values as unknown[]).slice(1)).toEqual([
      '参与人次',
      0,
      0,
      6,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      4,
      10,
    ]);
    const held = book.getWorksheet('举办活动')!;
    expect(held.rowCount).toBe(4);
    const training = (held.getRow(2).values as unknown[]).slice(1);
    expect(training).toEqual([
      'training 2025-03-10T11:00:00Z',
      '培训',
      '衡阳孵化器',
      '2025-03-10',
      '2025-03-12',
      3,
      3,
      // f1, f2 and the walk-in came; f3 registered and did not.
      3,
      6,
    ]);
    expect(book.getWorksheet('导师辅导')!.rowCount).toBe(3);

    const csv = await t.http
      .get('/api/reports/annual.csv')
      .query({ year: 2025 })
      .set(admin.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(csv.text).toContain('"Participant visits","8","10","125.0%"');
    await t.http.get('/api/reports/annual.xlsx').query({ year: 2025 }).set(orgB.organizer.auth).expect(403);
  });

  /** A metric's numbers as plain sorted data, so a Map's insertion order does not matter. */
  const plain = (all: Record<string, MetricActuals>) =>
    Object.fromEntries(
      Object.entries(all).map(([metric, a]) => [
        metric,
        {
          actual: a.actual,
          byMonth: a.byMonth,
          byType: Object.fromEntries([...a.byType].filter(([, n]) => n !== 0).sort()),
          byCarrier: Object.fromEntries([...a.byCarrier].filter(([, n]) => n !== 0).sort()),
        },
      ]),
    );
  /** The rollup the dashboard reads equals counting from scratch, for every scope and year touched. */
  const rollupMatchesScratch = async (label: string) => {
    const q = t.app.get(MetricsQueries);
    for (const year of [2025, 2026])
      for (const organizationId of [null, orgA.id, orgB.id]) {
        const scope = { year, organizationId };
        expect({ label, scope, ...plain(await q.fromRollup(scope)) }).toEqual({
          label,
          scope,
          ...plain(await q.fromScratch(scope)),
        });
      }
  };

  it('keeps the rollup equal to counting from scratch through check-ins, undos, walk-ins, moves, cancellations and bookings', async () => {
    await rollupMatchesScratch('after the year above');
    const before = actuals(await get(admin, { year: 2025 }));

    // A two-session training in New York, July 2025: people already seen in Shanghai and new ones.
    const e8 = await heldEvent(
      orgB,
      'training',
      ['2025-07-01T14:00:00Z', '2025-07-02T14:00:00Z'],
      [f[0], f[2], f[3]],
    );
    const first = await e8.checkIn(0, { ticketCode: e8.tickets[1] });
    await e8.checkIn(0, { ticketCode: e8.tickets[2] });
    await e8.checkIn(1, { ticketCode: e8.tickets[2] });
    const walkIn = await e8.checkIn(0, { walkIn: { name: 'Li Lei', phone: '139 0000 0002' } });
    await e8.checkIn(1, { walkIn: { name: '路人乙' } });
    await rollupMatchesScratch('check-ins and walk-ins');
    expect(actuals(await get(admin, { year: 2025 }))).toMatchObject({
      events_held: before.events_held + 1,
      participant_visits: before.participant_visits + 5,
      // f3 (whose Shanghai salon fell in 2026), f4 and the two walk-ins are new to 2025.
      unique_participants: before.unique_participants + 4,
    });

    // Undo: a person's only check-in of the year, and a walk-in's.
    await t.http.delete(`/api/check-ins/${first.body.checkIn.id}`).set(orgB.organizer.auth).expect(204);
    await t.http.delete(`/api/check-ins/${walkIn.body.checkIn.id}`).set(orgB.organizer.auth).expect(204);
    await rollupMatchesScratch('undos');

    // Checked in again after the undo: counted again, once.
    await e8.checkIn(0, { ticketCode: e8.tickets[1] });
    await rollupMatchesScratch('checked in again');

    // A session moved across the year boundary takes its check-ins with it.
    const view = (await t.http.get(`/api/events/${e8.id}`).set(orgB.organizer.auth).expect(200)).body;
    await t.http
      .patch(`/api/events/${e8.id}`)
      .set(orgB.organizer.auth)
      .send({
        sessions: [
          { id: view.sessions[0].id, startsAt: '2025-07-01T14:00:00Z', endsAt: '2025-07-01T16:00:00Z' },
          { id: view.sessions[1].id, startsAt: '2026-01-01T06:00:00Z', endsAt: '2026-01-01T08:00:00Z' },
        ],
      })
      .expect(200);
    await rollupMatchesScratch('a session moved to the next year');
    // A session dropped from the event takes its check-ins (ON DELETE CASCADE) and their counts.
    await t.http
      .patch(`/api/events/${e8.id}`)
      .set(orgB.organizer.auth)
      .send({
        sessions: [
          { id: view.sessions[0].id, startsAt: '2025-07-01T14:00:00Z', endsAt: '2025-07-01T16:00:00Z' },
        ],
      })
      .expect(200);
    await rollupMatchesScratch('a session with check-ins dropped');

    // A founder's new company counts for their completed bookings; a booking completed later counts.
    await t.http
      .patch('/api/me')
      .set(f[3].auth)
      .send({ company: { name: '第四家公司' } })
      .expect(200);
    await rollupMatchesScratch('a mentee changed company');
    const mentor = await signup(t);
    await grantRole(t, mentor.id, 'mentor');
    const [booking]: { id: string }[] = await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone)
       VALUES ($1, $2, $3, '2025-11-03T02:00:00Z', '2025-11-03T03:00:00Z', 'confirmed', '财务', 'America/New_York') RETURNING id`,
      [mentor.id, f[1].id, orgB.id],
    );
    await t.db.query(`UPDATE bookings SET status = 'completed' WHERE id = $1`, [booking.id]);
    await rollupMatchesScratch('a booking completed');

    // Cancelling the event takes back everything it counted.
    await t.http.post(`/api/events/${e8.id}/cancel`).set(orgB.organizer.auth).expect(200);
    await rollupMatchesScratch('the event cancelled');
    await t.db.query(`UPDATE bookings SET status = 'no_show' WHERE id = $1`, [booking.id]);
    await rollupMatchesScratch('a completed booking marked no-show');
    // A carrier's new time zone moves its sessions, events and bookings to their local months and years.
    const zone = (timeZone: string) =>
      t.http.patch(`/api/organizations/${orgB.id}`).set(admin.auth).send({ timeZone }).expect(200);
    await zone('Asia/Shanghai');
    await rollupMatchesScratch('a carrier moved to another zone');
    await zone('America/New_York');
    await rollupMatchesScratch('and back');
    expect(actuals(await get(admin, { year: 2025 }))).toEqual(before);

    // The remaining edges of the counting rules (docs/product.md), each checked both ways.
    const scoped = async (organizationId?: string) =>
      actuals(await get(admin, { year: 2025, ...(organizationId && { organizationId }) }));
    const baseBefore = await scoped();
    const bBefore = await scoped(orgB.id);
    // A walk-in with the phone already seen at both carriers (E1, E6; spaces and +86 do not matter):
    // nobody new. A walk-in without a phone and the name of one at another carrier (E2): a new person
    // base-wide and at this carrier, since without a phone only the name at the same carrier matches.
    const e9 = await heldEvent(orgB, 'salon', ['2025-09-01T14:00:00Z'], [f[1]]);
    await e9.checkIn(0, { walkIn: { name: '王五', phone: '13800000001' } });
    await e9.checkIn(0, { walkIn: { name: '路人甲' } });
    await rollupMatchesScratch('walk-ins known at another carrier');
    expect(await scoped()).toMatchObject({
      events_held: baseBefore.events_held + 1,
      participant_visits: baseBefore.participant_visits + 2,
      unique_participants: baseBefore.unique_participants + 1,
    });
    expect(await scoped(orgB.id)).toMatchObject({
      participant_visits: bBefore.participant_visits + 2,
      unique_participants: bBefore.unique_participants + 1,
    });
    // Registered, checked in, then cancelled the registration: the visit happened and still counts.
    await e9.checkIn(0, { ticketCode: e9.tickets[0] });
    const mine = (await t.http.get(`/api/events/${e9.id}`).set(f[1].auth).expect(200)).body.myRegistration;
    await t.http.post(`/api/registrations/${mine.id}/cancel`).set(f[1].auth).expect(200);
    await rollupMatchesScratch('a registration cancelled after its check-in');
    expect((await scoped(orgB.id)).participant_visits).toBe(bBefore.participant_visits + 3);
    // The organizer changes the event's type afterwards: its counts move to the new type.
    await t.http
      .patch(`/api/events/${e9.id}`)
      .set(orgB.organizer.auth)
      .send({ type: 'roadshow' })
      .expect(200);
    await rollupMatchesScratch('the event type changed after check-ins');
    // A founder leaves their company: companies served follow who the attendees' companies are now.
    await t.http.patch('/api/me').set(f[1].auth).send({ company: null }).expect(200);
    await rollupMatchesScratch('an attendee left their company');
    // A booking confirmed but not held, and one cancelled: no mentoring session.
    const [pending]: { id: string }[] = await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone)
       VALUES ($1, $2, $3, '2025-10-06T02:00:00Z', '2025-10-06T03:00:00Z', 'confirmed', '融资', 'Asia/Shanghai') RETURNING id`,
      [mentor.id, f[2].id, orgA.id],
    );
    await rollupMatchesScratch('a booking not yet held');
    await t.db.query(`UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [pending.id]);
    await rollupMatchesScratch('a booking cancelled');
    expect((await scoped()).mentoring_sessions).toBe(baseBefore.mentoring_sessions);

    // Rebuilding from the source tables (the migration's backfill) finds the same counts.
    const counts = () =>
      t.db.query(
        `SELECT year, scope, metric, month, event_type, n FROM dashboard_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`,
      );
    await t.db.query(`SELECT dashboard_fold()`);
    const kept = await counts();
    await t.db.query(`SELECT dashboard_rebuild()`);
    expect(await counts()).toEqual(kept);
  });

  it("counts a parent carrier's descendants: a park its incubators, the base everything", async () => {
    const org = async (body: object) =>
      (await t.http.post('/api/organizations').set(admin.auth).send(body).expect(201)).body.id as string;
    const reparent = (id: string, parentId: string) =>
      t.http.patch(`/api/organizations/${id}`).set(admin.auth).send({ parentId }).expect(200);
    // 衡阳高新区双创示范基地 → 创业园 → {衡阳孵化器, New York Hub}; an empty 众创空间 under the base.
    const base = await org({ name: '衡阳高新区双创示范基地', kind: 'base', timeZone: 'Asia/Shanghai' });
    const park = await org({
      name: '创业园',
      kind: 'industrial_park',
      parentId: base,
      timeZone: 'Asia/Shanghai',
    });
    await org({ name: '众创空间', kind: 'startup_centre', parentId: base, timeZone: 'Asia/Shanghai' });
    await reparent(orgA.id, park);
    await reparent(orgB.id, park);

    const scoped = async (organizationId?: string) =>
      get(admin, { year: 2025, ...(organizationId && { organizationId }) });
    const [all, a, b] = [await scoped(), await scoped(orgA.id), await scoped(orgB.id)];
    // The base itself: what "all carriers" shows (it was all zeros before).
    expect(actuals(await scoped(base))).toEqual(actuals(all));
    expect(actuals(all).events_held).toBeGreaterThan(0);

    // The park: its incubators' additive numbers summed, people and companies counted once across them.
    const parkView = await scoped(park);
    const sum = (m: string) => metric(a, m).actual + metric(b, m).actual;
    expect(actuals(parkView)).toMatchObject({
      events_held: sum('events_held'),
      sessions_held: sum('sessions_held'),
      participant_visits: sum('participant_visits'),
      // Every check-in of the year is at one of the park's incubators.
      unique_participants: actuals(all).unique_participants,
    });
    expect(actuals(parkView).unique_participants).toBeLessThan(sum('unique_participants'));
    // Mentoring without a carrier belongs to the base only.
    expect(actuals(parkView).mentoring_sessions).toBe(sum('mentoring_sessions'));
    expect(actuals(parkView).mentoring_sessions).toBeLessThan(actuals(all).mentoring_sessions);
    expect(
      metric(parkView, 'participant_visits')
        .byCarrier.map((c) => c.organizationId)
        .sort(),
    ).toEqual([orgA.id, orgB.id].sort());
    expect(metric(parkView, 'unique_participants').byMonth.reduce((x, y) => x + y, 0)).toBe(
      actuals(parkView).unique_participants,
    );

    // The rollup read equals counting from scratch for the park's tree and the base's.
    const q = t.app.get(MetricsQueries);
    for (const scope of [
      { year: 2025, organizationId: park, carriers: [park, orgA.id, orgB.id] },
      { year: 2025, organizationId: base, carriers: null },
    ])
      expect(plain(await q.fromRollup(scope))).toEqual(plain(await q.fromScratch(scope)));

    // The park's organizer sees the park's numbers; an incubator's organizer does not (404).
    const parkOrganizer = await signup(t);
    await t.http
      .post(`/api/organizations/${park}/members`)
      .set(admin.auth)
      .send({ userId: parkOrganizer.id })
      .expect(201);
    expect(actuals(await get(parkOrganizer, { year: 2025, organizationId: park }))).toEqual(
      actuals(parkView),
    );
    await t.http
      .get('/api/dashboard')
      .query({ year: 2025, organizationId: park })
      .set(orgA.organizer.auth)
      .expect(404);

    // The park's report lists the events of both incubators.
    const csv = await t.http
      .get('/api/reports/annual.csv')
      .query({ year: 2025, organizationId: park })
      .set(parkOrganizer.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(csv.text).toContain(`"Events held","","${actuals(parkView).events_held}"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (
        await t.http
          .get('/api/reports/annual.xlsx')
          .query({ year: 2025, organizationId: park })
          .set(parkOrganizer.auth)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body,
    );
    expect(workbook.worksheets[2].rowCount - 1).toBe(actuals(parkView).events_held);
  });

  it('counts a walk-in as the account that has verified their number, and follows the number when it moves', async () => {
    const unique = async () => actuals(await get(admin, { year: 2025 })).unique_participants;
    const start = await unique();
    const g = await signup(t, { displayName: '手机号创业者' });
    const salon = await heldEvent(orgA, 'salon', ['2025-08-05T06:00:00Z'], [g]);
    await salon.checkIn(0, { ticketCode: salon.tickets[0] });
    const walkIns = await heldEvent(orgB, 'salon', ['2025-09-09T14:00:00Z'], []);
    await walkIns.checkIn(0, { walkIn: { name: '张三', phone: '137 0000 0003' } });
    // Nobody holds the number yet: the founder and the walk-in are two people.
    expect(await unique()).toBe(start + 2);
    await rollupMatchesScratch('a walk-in whose number no account has verified');

    // The founder verifies the number (any writer: the API's confirm, or SQL): one person, at once.
    await t.db.query(`UPDATE users SET verified_phone = '+8613700000003' WHERE id = $1`, [g.id]);
    expect(await unique()).toBe(start + 1);
    await rollupMatchesScratch('the number verified by the account');

    // A later walk-in with the same number, written differently, is that account too.
    const later = await heldEvent(orgA, 'training', ['2025-10-10T06:00:00Z'], []);
    await later.checkIn(0, { walkIn: { name: '张 三', phone: '+86 137-0000-0003' } });
    expect(await unique()).toBe(start + 1);
    await rollupMatchesScratch('a walk-in after the number was verified');

    // A number typed into the profile without a code joins nothing.
    const typed = await signup(t, { displayName: '只填了号码' });
    await t.http.patch('/api/me').set(typed.auth).send({ phone: '13700000009' }).expect(200);
    await walkIns.checkIn(0, { walkIn: { name: '李四', phone: '13700000009' } });
    expect(await unique()).toBe(start + 2);

    // The founder moves to another number: the walk-ins under the old one are their own person again.
    await t.db.query(`UPDATE users SET verified_phone = '+8613700000004' WHERE id = $1`, [g.id]);
    expect(await unique()).toBe(start + 3);
    await rollupMatchesScratch('the number changed');
    await t.db.query(`UPDATE users SET verified_phone = NULL WHERE id = $1`, [g.id]);
    await rollupMatchesScratch('the number given up');
  });
});
