import ExcelJS from 'exceljs';
import type { DashboardView, EventType } from '@wutong/shared';
import { binary, readDocx } from '../support/documents';
import { sessions } from '../support/events';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * The ledger of events held in a period (xlsx and docx), read back by outside readers (exceljs; the
 * docx's XML through a zip reader), against the dashboard for the same period: months, a quarter,
 * any from/to, days in each carrier's zone at the boundary; and who may read it.
 * Every date is fixed in the past (2024), so nothing depends on today.
 */
describe('the ledger and the dashboard over any period', () => {
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
    title: string,
    starts: string[],
    registrants: SignedUp[],
  ) => {
    const created = await t.http
      .post('/api/events')
      .set(org.organizer.auth)
      .send({
        organizationId: org.id,
        type,
        title,
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
    orgA = await carrier('台账孵化器', 'Asia/Shanghai');
    orgB = await carrier('Ledger Hub NY', 'America/New_York');
    f = [];
    for (const [name, company] of [
      ['f1', '甲科技公司'],
      ['f2', '乙文化公司'],
      ['f3', '丙医疗公司'],
    ]) {
      const who = await signup(t, { displayName: name });
      await t.http
        .patch('/api/me')
        .set(who.auth)
        .send({ company: { name: company } })
        .expect(200);
      f.push(who);
    }
    // A1: a salon on 5 November (Shanghai): f1 and a walk-in of a fourth company; f2 did not come.
    const a1 = await heldEvent(orgA, 'salon', '十一月创业沙龙', ['2024-11-05T06:00:00Z'], [f[0], f[1]]);
    await a1.checkIn(0, { ticketCode: a1.tickets[0] });
    await a1.checkIn(0, { walkIn: { name: '路人丁', phone: '139 0000 0004', company: '丁工作室' } });
    // A2: a two-session training in November: f1 at both, f3 at the first.
    const a2 = await heldEvent(
      orgA,
      'training',
      '十一月创业训练营',
      ['2024-11-20T02:00:00Z', '2024-11-21T02:00:00Z'],
      [f[0], f[2]],
    );
    await a2.checkIn(0, { ticketCode: a2.tickets[0] });
    await a2.checkIn(1, { ticketCode: a2.tickets[0] });
    await a2.checkIn(0, { ticketCode: a2.tickets[1] });
    // A3: 30 November 16:30 UTC is 1 December 00:30 in Shanghai: December's.
    const a3 = await heldEvent(orgA, 'roadshow', '十二月零点路演', ['2024-11-30T16:30:00Z'], [f[1]]);
    await a3.checkIn(0, { ticketCode: a3.tickets[0] });
    // A4: 31 October 23:30 in Shanghai: October's.
    const a4 = await heldEvent(orgA, 'policy_briefing', '十月政策宣讲', ['2024-10-31T15:30:00Z'], [f[2]]);
    await a4.checkIn(0, { ticketCode: a4.tickets[0] });
    // A5: held, then cancelled; A6: nobody came. Neither is in any ledger.
    const a5 = await heldEvent(orgA, 'salon', '取消的沙龙', ['2024-11-10T06:00:00Z'], [f[1]]);
    await a5.checkIn(0, { ticketCode: a5.tickets[0] });
    await t.http.post(`/api/events/${a5.id}/cancel`).set(orgA.organizer.auth).expect(200);
    await heldEvent(orgA, 'salon', '无人到场的沙龙', ['2024-11-12T06:00:00Z'], [f[0]]);
    // B1: 1 December 03:00 UTC is 30 November 22:00 in New York: November's for that carrier.
    const b1 = await heldEvent(orgB, 'salon', 'November pitch night', ['2024-12-01T03:00:00Z'], [f[1]]);
    await b1.checkIn(0, { ticketCode: b1.tickets[0] });
  });
  afterAll(() => t.close());

  const dashboard = async (who: SignedUp, query: Record<string, string>) =>
    (await t.http.get('/api/dashboard').query(query).set(who.auth).expect(200)).body as DashboardView;
  const actual = (view: DashboardView, metric: string) =>
    view.metrics.find((m) => m.metric === metric)!.actual;
  const download = (who: SignedUp, format: 'xlsx' | 'docx', query: Record<string, string>) =>
    t.http
      .get(`/api/reports/ledger.${format}`)
      .query(query)
      .set(who.auth)
      .set('accept-language', 'zh-CN')
      .buffer(true)
      .parse(binary);

  interface Parsed {
    entries: { month: string; carrier: string; day: string; title: string; cells: number[] }[];
    totals: Record<string, number>;
  }
  /** The workbook read back: its entry rows (a date in the Date column) and its totals block. */
  const readXlsx = async (body: Buffer): Promise<Parsed> => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as never);
    const sheet = book.getWorksheet('台账')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const entries = rows
      .filter((r) => typeof r[2] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[2] as string))
      .map((r) => ({
        month: r[0] as string,
        carrier: r[1] as string,
        day: r[2] as string,
        title: r[4] as string,
        cells: r.slice(5, 10) as number[],
      }));
    const head = rows.findIndex((r) => r[0] === '合计' && r[1] === '活动场数');
    const names = rows[head].slice(1) as string[];
    const values = rows[head + 1].slice(1) as number[];
    return { entries, totals: Object.fromEntries(names.map((n, i) => [n, values[i]])) };
  };
  const readDocxTotals = async (body: Buffer) => {
    const { text, tables } = await readDocx(body);
    const [names, values] = tables[tables.length - 1];
    return { text, tables, totals: Object.fromEntries(names.map((n, i) => [n, Number(values[i])])) };
  };
  /** The ledger's totals are the dashboard's: events, sessions held, visits and (no mentoring here) companies. */
  const expectDashboardTotals = (totals: Record<string, number>, view: DashboardView) => {
    expect(totals['活动场数']).toBe(actual(view, 'events_held'));
    expect(totals['场次']).toBe(actual(view, 'sessions_held'));
    expect(totals['签到人次']).toBe(actual(view, 'participant_visits'));
    expect(totals['服务企业']).toBe(actual(view, 'companies_served'));
  };

  it('a month, base-wide: one entry per event held, by each carrier’s zone, totals equal to the dashboard’s (xlsx and docx)', async () => {
    const view = await dashboard(admin, { month: '2024-11' });
    expect(view.period).toEqual({ kind: 'month', from: '2024-11-01', to: '2024-12-01', label: '2024-11' });
    expect(actual(view, 'events_held')).toBe(3);
    const xlsx = await download(admin, 'xlsx', { month: '2024-11' }).expect(200);
    expect(xlsx.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('活动台账-全基地-2024-11.xlsx')}`,
    );
    const parsed = await readXlsx(xlsx.body as Buffer);
    // Grouped by month and carrier (carriers by name), each group's events by start.
    expect(parsed.entries.map((e) => [e.carrier, e.day, e.title])).toEqual([
      ['Ledger Hub NY', '2024-11-30', 'November pitch night'],
      ['台账孵化器', '2024-11-05', '十一月创业沙龙'],
      ['台账孵化器', '2024-11-20', '十一月创业训练营'],
    ]);
    // Sessions, registered, checked in, walk-ins, companies served.
    expect(parsed.entries.map((e) => e.cells)).toEqual([
      [1, 1, 1, 0, 1],
      [1, 2, 2, 1, 2],
      [2, 2, 3, 0, 2],
    ]);
    expect(parsed.entries.every((e) => e.month === '2024年11月')).toBe(true);
    expect(parsed.totals).toMatchObject({
      活动场数: 3,
      场次: 4,
      报名人数: 5,
      签到人次: 6,
      现场报名: 1,
      服务企业: 4,
    });
    expectDashboardTotals(parsed.totals, view);

    const docx = await download(admin, 'docx', { month: '2024-11' }).expect(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const read = await readDocxTotals(docx.body as Buffer);
    expect(read.totals).toEqual(parsed.totals);
    expectDashboardTotals(read.totals, view);
    expect(read.text).toContain('2024年11月');
    expect(read.text).toContain('台账孵化器');
    expect(read.text).toContain('Ledger Hub NY');
    // A table per carrier and month, then the totals.
    expect(read.tables).toHaveLength(3);
    expect(read.tables[1].map((r) => r[2])).toEqual([
      '活动名称',
      '十一月创业沙龙',
      '十一月创业训练营',
      '小计',
    ]);
  });

  it('a quarter for one carrier: October, November and December grouped, totals equal to its dashboard', async () => {
    const query = { quarter: '2024Q4', organizationId: orgA.id };
    const view = await dashboard(orgA.organizer, query);
    expect(view.period).toMatchObject({ kind: 'quarter', from: '2024-10-01', to: '2025-01-01' });
    const parsed = await readXlsx((await download(orgA.organizer, 'xlsx', query).expect(200)).body);
    expect(parsed.entries.map((e) => [e.month, e.title])).toEqual([
      ['2024年10月', '十月政策宣讲'],
      ['2024年11月', '十一月创业沙龙'],
      ['2024年11月', '十一月创业训练营'],
      ['2024年12月', '十二月零点路演'],
    ]);
    expect(parsed.totals).toMatchObject({ 活动场数: 4, 场次: 5, 报名人数: 6, 签到人次: 7, 服务企业: 4 });
    expectDashboardTotals(parsed.totals, view);
    const docx = await readDocxTotals((await download(orgA.organizer, 'docx', query).expect(200)).body);
    expect(docx.totals).toEqual(parsed.totals);
    for (const month of ['2024年10月', '2024年11月', '2024年12月']) expect(docx.text).toContain(month);
  });

  it('any from/to, in the carrier’s zone at the boundary: the last day in or out', async () => {
    const upTo = async (to: string) => {
      const query = { from: '2024-11-01', to, organizationId: orgA.id };
      const view = await dashboard(orgA.organizer, query);
      const parsed = await readXlsx((await download(orgA.organizer, 'xlsx', query).expect(200)).body);
      expectDashboardTotals(parsed.totals, view);
      return { view, titles: parsed.entries.map((e) => e.title) };
    };
    // 1 December 00:30 in Shanghai is outside [1 Nov, 1 Dec) though it is 30 November in UTC.
    const november = await upTo('2024-12-01');
    expect(november.titles).toEqual(['十一月创业沙龙', '十一月创业训练营']);
    expect(november.view.period).toEqual({
      kind: 'range',
      from: '2024-11-01',
      to: '2024-12-01',
      label: '2024-11-01~2024-11-30',
    });
    expect((await upTo('2024-12-02')).titles).toEqual([
      '十一月创业沙龙',
      '十一月创业训练营',
      '十二月零点路演',
    ]);
    // New York's 30 November 22:00 is inside its November, outside its 1–2 December.
    const ny = await dashboard(orgB.organizer, {
      from: '2024-12-01',
      to: '2024-12-03',
      organizationId: orgB.id,
    });
    expect(actual(ny, 'events_held')).toBe(0);
    const nyNov = await dashboard(orgB.organizer, { month: '2024-11', organizationId: orgB.id });
    expect(actual(nyNov, 'events_held')).toBe(1);
  });

  it('the year, quarters and months of the dashboard agree: the months add up to the quarter and the year', async () => {
    const q = { organizationId: orgA.id };
    const year = await dashboard(orgA.organizer, { ...q, year: '2024' });
    expect(year.period).toEqual({ kind: 'year', from: '2024-01-01', to: '2025-01-01', label: '2024' });
    const quarter = await dashboard(orgA.organizer, { ...q, quarter: '2024Q4' });
    const months = await Promise.all(
      ['2024-10', '2024-11', '2024-12'].map((month) => dashboard(orgA.organizer, { ...q, month })),
    );
    for (const metric of ['events_held', 'sessions_held', 'participant_visits'])
      expect(months.reduce((sum, m) => sum + actual(m, metric), 0)).toBe(actual(quarter, metric));
    for (const metric of ['events_held', 'sessions_held', 'participant_visits', 'companies_served'])
      expect(actual(year, metric)).toBe(actual(quarter, metric));
    // The rollup (the year) and counting from scratch (any other period) agree by month.
    const byMonth = year.metrics.find((m) => m.metric === 'participant_visits')!.byMonth;
    expect(months.map((m) => actual(m, 'participant_visits'))).toEqual(byMonth.slice(9, 12));
    // Targets are annual: a part of a year shows none.
    expect(quarter.metrics.every((m) => m.target === null && m.status === 'no_target')).toBe(true);
  });

  it('refuses a bad period with INVALID_PERIOD (400), for the dashboard and the ledger alike', async () => {
    const bad: Record<string, string>[] = [
      { year: '2024', month: '2024-11' },
      { quarter: '2024Q5' },
      { quarter: '2024-Q1' },
      { month: '2024-13' },
      { from: '2024-11-01' },
      { to: '2024-11-01' },
      { from: '2024-11-05', to: '2024-11-05' },
      { from: '2024-11-05', to: '2024-11-01' },
      { from: '2024-02-30', to: '2024-03-05' },
      { from: '2024-01-01', to: '2025-01-03' },
      { month: '1999-12' },
    ];
    for (const query of bad) {
      for (const path of ['/api/dashboard', '/api/reports/ledger.xlsx', '/api/reports/ledger.docx']) {
        const res = await t.http.get(path).query(query).set(admin.auth);
        expect({ path, query, status: res.status, code: res.body.code }).toEqual({
          path,
          query,
          status: 400,
          code: 'INVALID_PERIOD',
        });
      }
    }
    // A whole leap year is the longest period.
    await t.http
      .get('/api/dashboard')
      .query({ from: '2024-01-01', to: '2025-01-01' })
      .set(admin.auth)
      .expect(200);
  });

  it('refuses founders (403), organizers base-wide (403), another carrier’s organizer (404), strangers (401)', async () => {
    for (const format of ['xlsx', 'docx'] as const) {
      const path = `/api/reports/ledger.${format}`;
      expect((await t.http.get(path).query({ month: '2024-11' }).set(f[0].auth)).status).toBe(403);
      expect((await t.http.get(path).query({ month: '2024-11' }).set(orgA.organizer.auth)).status).toBe(403);
      expect(
        (await t.http.get(path).query({ month: '2024-11', organizationId: orgB.id }).set(orgA.organizer.auth))
          .status,
      ).toBe(404);
      expect((await t.http.get(path).query({ month: '2024-11' })).status).toBe(401);
    }
    expect(
      (
        await t.http
          .get('/api/dashboard')
          .query({ quarter: '2024Q4', organizationId: orgB.id })
          .set(orgA.organizer.auth)
      ).status,
    ).toBe(404);
  });
});
