import { MetricsQueries } from '../../apps/api/src/reporting/metrics.queries';
import { doorSessions, publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { manyFounders, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/** The carrier's (Shanghai) year an event's first session falls in. */
const yearOf = (event: { sessions: { startsAt: string }[] }) =>
  new Date(Date.parse(event.sessions[0].startsAt) + 8 * 3600_000).getUTCFullYear();

describe('check-in at the door', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
  });
  afterAll(() => t.close());

  const register = async (eventId: string, who: SignedUp) =>
    (await t.http.post(`/api/events/${eventId}/registrations`).set(who.auth).send({}).expect(201)).body;

  it('4 doors scanning the same 200 tickets at once record exactly 200 check-ins; every repeat says alreadyCheckedIn', async () => {
    const event = await publishedEvent(t, c, { capacity: 200, sessions: doorSessions() });
    const founders = await manyFounders(t, 200, 'door');
    const tickets: string[] = [];
    for (let i = 0; i < founders.length; i += 50) {
      const batch = await Promise.all(founders.slice(i, i + 50).map((f) => register(event.id, f)));
      tickets.push(...batch.map((r) => r.ticketCode));
    }
    const doors = [c.organizer];
    for (let i = 0; i < 3; i++) {
      const door = await signup(t, { displayName: `门口 ${i + 2}` });
      await t.http
        .post(`/api/organizations/${c.organizationId}/members`)
        .set(c.admin.auth)
        .send({ userId: door.id })
        .expect(201);
      doors.push(door);
    }
    const session = event.sessions[0].id;
    const started = Date.now();
    const answers = await Promise.all(
      doors.flatMap((door, d) =>
        // Each door works through the queue from a different place.
        tickets
          .map((_, i) => tickets[(i + d * 50) % tickets.length])
          .map((ticketCode) =>
            t.http.post(`/api/sessions/${session}/check-ins`).set(door.auth).send({ ticketCode }),
          ),
      ),
    );
    process.stdout.write(`  800 scans of 200 tickets at 4 doors took ${Date.now() - started} ms\n`);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(200);
    const repeats = answers.filter((a) => a.status === 200);
    expect(repeats).toHaveLength(600);
    expect(repeats.every((a) => a.body.alreadyCheckedIn === true)).toBe(true);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM check_ins WHERE session_id = $1`,
      [session],
    );
    expect(count).toBe(200);
    // A repeat answers with the first check-in's time.
    const first = answers.find((a) => a.status === 201)!;
    const again = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: tickets[0] });
    expect(again.status).toBe(200);
    expect(first.body.attendee.name).toMatch(/^创业者/);
    const live = await t.http.get(`/api/sessions/${session}/check-ins`).set(doors[3].auth).expect(200);
    expect(live.body).toMatchObject({ registered: 200, checkedIn: 200, walkIns: 0 });
    expect(live.body.recent).toHaveLength(10);
    // One audit entry per check-in, none for the repeats.
    const [{ audits }] = await t.db.query(
      `SELECT count(*)::int AS audits FROM audit_log WHERE action = 'check_in.create' AND details->>'sessionId' = $1`,
      [session],
    );
    expect(audits).toBe(200);
    // The dashboard's rollup, kept by the doors' concurrent transactions, counts what is there.
    const metrics = t.app.get(MetricsQueries);
    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
        new Date(event.sessions[0].startsAt),
      ),
    );
    const scope = { year, organizationId: c.organizationId };
    const rollup = await metrics.fromRollup(scope);
    expect(rollup).toEqual(await metrics.fromScratch(scope));
    expect(rollup.participant_visits.actual).toBe(200);
    expect(rollup.unique_participants.actual).toBe(200);
    expect(rollup.sessions_held.actual).toBe(1);
    // 800 requests at once: tens of seconds when the 2-core machine is shared with other work.
  }, 120_000);

  it('names the attendee, refuses other events’ tickets (404) and unconfirmed registrations (409)', async () => {
    const event = await publishedEvent(t, c, {
      capacity: 1,
      waitlistEnabled: true,
      sessions: doorSessions(),
    });
    const elsewhere = await publishedEvent(t, c, { capacity: 5, sessions: doorSessions() });
    const [a, b, d] = [await signup(t, { displayName: '签到甲' }), await signup(t), await signup(t)];
    const ra = await register(event.id, a);
    const rb = await register(event.id, b); // waitlisted
    const rd = await register(elsewhere.id, d);
    const session = event.sessions[0].id;
    const ok = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: ra.ticketCode })
      .expect(201);
    expect(ok.body).toMatchObject({
      alreadyCheckedIn: false,
      attendee: { kind: 'registered', name: '签到甲', registrationId: ra.id },
      checkIn: { method: 'ticket', sessionId: session },
    });
    const foreign = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: rd.ticketCode })
      .expect(404);
    expect(foreign.body.code).toBe('TICKET_NOT_FOUND');
    expect(
      (
        await t.http
          .post(`/api/sessions/${session}/check-ins`)
          .set(c.organizer.auth)
          .send({ ticketCode: 'no-such-ticket' })
          .expect(404)
      ).body.code,
    ).toBe('TICKET_NOT_FOUND');
    const waitlisted = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ registrationId: rb.id })
      .expect(409);
    expect(waitlisted.body.code).toBe('NOT_CONFIRMED');
    // A cancelled registration's old ticket is recognised and refused as not confirmed.
    const rd2 = await t.http.post(`/api/registrations/${rd.id}/cancel`).set(d.auth).expect(200);
    expect(rd2.body.status).toBe('cancelled');
    const cancelled = await t.http
      .post(`/api/sessions/${elsewhere.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: rd.ticketCode })
      .expect(409);
    expect(cancelled.body.code).toBe('NOT_CONFIRMED');
  });

  it('lets only this carrier’s organizers check in (founders 403, other carriers 404) and refuses cancelled events', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const founder = await signup(t);
    const reg = await register(event.id, founder);
    const session = event.sessions[0].id;
    await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(founder.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(403);
    await t.http.post(`/api/sessions/${session}/check-ins`).send({ ticketCode: reg.ticketCode }).expect(401);
    await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(other.organizer.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(404);
    await t.http.get(`/api/sessions/${session}/check-ins`).set(other.organizer.auth).expect(404);
    await t.http.get(`/api/events/${event.id}/attendance`).set(other.organizer.auth).expect(404);
    await t.http.get(`/api/events/${event.id}/attendance`).set(founder.auth).expect(403);
    const both = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.ticketCode, walkIn: { name: 'x' } })
      .expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.admin.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(201);
    await t.http.post(`/api/events/${event.id}/cancel`).set(c.organizer.auth).expect(200);
    const closed = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ walkIn: { name: '路人' } })
      .expect(409);
    expect(closed.body.code).toBe('EVENT_CANCELLED');
  });

  it('counts walk-ins once per person: the same phone, or the same name without one', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const session = event.sessions[0].id;
    const post = (walkIn: { name: string; phone?: string }) =>
      t.http.post(`/api/sessions/${session}/check-ins`).set(c.organizer.auth).send({ walkIn });
    expect((await post({ name: '赵敏', phone: '138 0000 1234' })).status).toBe(201);
    const samePhone = await post({ name: '赵 敏', phone: '+86 13800001234' });
    expect(samePhone.status).toBe(200);
    expect(samePhone.body).toMatchObject({
      alreadyCheckedIn: true,
      attendee: { kind: 'walk_in', name: '赵敏' },
    });
    expect((await post({ name: '周芷若' })).status).toBe(201);
    expect((await post({ name: ' 周芷若 ' })).status).toBe(200);
    expect((await post({ name: '张无忌' })).status).toBe(201);
    const live = await t.http.get(`/api/sessions/${session}/check-ins`).set(c.organizer.auth).expect(200);
    expect(live.body).toMatchObject({ checkedIn: 3, walkIns: 3 });
  });

  it('validates walk-in phones like every phone field, and counts the company a walk-in names', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const session = event.sessions[0].id;
    const post = (walkIn: object) =>
      t.http.post(`/api/sessions/${session}/check-ins`).set(c.organizer.auth).send({ walkIn });
    // A 7-digit fragment decided "the same person" before; now it is refused, and nothing is stored.
    for (const phone of ['1234567', '12000000000', '+86 138', '13800x00000']) {
      const refused = await post({ name: '短号码', phone });
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['walkIn.phone']);
    }
    // The profile's phone follows the same rule.
    const founder = await signup(t);
    expect((await t.http.patch('/api/me').set(founder.auth).send({ phone: '1234567' })).status).toBe(400);
    await t.http.patch('/api/me').set(founder.auth).send({ phone: '0734-8888888' }).expect(200);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE session_id = $1`, [session]))[0].n,
    ).toBe(0);

    const served = async () =>
      (await t.app.get(MetricsQueries).fromScratch({ year: yearOf(event), organizationId: c.organizationId }))
        .companies_served.actual;
    const before = await served();
    const first = await post({
      name: '钱多多',
      phone: '138 0013 8000',
      company: ' 衡阳新材料有限公司 ',
    }).expect(201);
    expect(first.body.attendee).toMatchObject({ kind: 'walk_in', companyName: '衡阳新材料有限公司' });
    // Another walk-in of the same company (any case, spaces): one company served.
    await post({ name: '孙少少', company: '衡阳新材料有限公司' }).expect(201);
    expect(await served()).toBe(before + 1);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM companies WHERE lower(name) = lower($1)`,
      ['衡阳新材料有限公司'],
    );
    expect(n).toBe(1);
    // The attendance table shows it.
    const table = await t.http.get(`/api/events/${event.id}/attendance`).set(c.organizer.auth).expect(200);
    expect(
      table.body.attendees
        .filter((a: { kind: string }) => a.kind === 'walk_in')
        .map((a: { name: string; companyName: string | null }) => [a.name, a.companyName]),
    ).toEqual(
      expect.arrayContaining([
        ['钱多多', '衡阳新材料有限公司'],
        ['孙少少', '衡阳新材料有限公司'],
      ]),
    );
  });

  it('finds registrants by name, phone or company for people without their phone', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const founder = await signup(t, { displayName: '欧阳锋' });
    await t.http
      .patch('/api/me')
      .set(founder.auth)
      .send({ phone: '139 1234 5678', company: { name: '白驼山科技' } })
      .expect(200);
    const reg = await register(event.id, founder);
    for (const q of ['欧阳', '5678', '白驼山']) {
      const res = await t.http
        .get(`/api/events/${event.id}/attendees`)
        .query({ q, sessionId: event.sessions[0].id })
        .set(c.organizer.auth)
        .expect(200);
      expect(res.body).toEqual([
        {
          registrationId: reg.id,
          name: '欧阳锋',
          companyName: '白驼山科技',
          phone: '139 1234 5678',
          status: 'confirmed',
          checkedIn: false,
        },
      ]);
    }
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ registrationId: reg.id })
      .expect(201);
    const after = await t.http
      .get(`/api/events/${event.id}/attendees`)
      .query({ q: '欧阳', sessionId: event.sessions[0].id })
      .set(c.organizer.auth)
      .expect(200);
    expect(after.body[0].checkedIn).toBe(true);
  });

  it('undoes a mistaken check-in, and admins read who did what in the audit log', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const founder = await signup(t);
    const reg = await register(event.id, founder);
    const session = event.sessions[0].id;
    const done = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(201);
    await t.http.delete(`/api/check-ins/${done.body.checkIn.id}`).set(other.organizer.auth).expect(404);
    await t.http.delete(`/api/check-ins/${done.body.checkIn.id}`).set(c.organizer.auth).expect(204);
    await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(201);
    const audit = await t.http
      .get('/api/audit')
      .query({ targetType: 'check_in', organizationId: c.organizationId })
      .set(c.admin.auth)
      .expect(200);
    const mine = audit.body.items.filter(
      (a: { details: { sessionId?: string } }) => a.details.sessionId === session,
    );
    expect(mine.map((a: { action: string }) => a.action)).toEqual([
      'check_in.create',
      'check_in.undo',
      'check_in.create',
    ]);
    expect(mine[1].actor.id).toBe(c.organizer.id);
    await t.http.get('/api/audit').set(c.organizer.auth).expect(403);
  });

  it('accepts the 8-character code read out from the ticket, in any case and with its dash, for that event only', async () => {
    const event = await publishedEvent(t, c, { sessions: doorSessions() });
    const elsewhere = await publishedEvent(t, c, { sessions: doorSessions() });
    const [a, b] = [await signup(t, { displayName: '读码甲' }), await signup(t)];
    const ra = await register(event.id, a);
    const rb = await register(elsewhere.id, b);
    // No 0/O, 1/I/L or U to mix up; the QR keeps the 22-character secret.
    expect(ra.shortCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(ra.ticketCode).toHaveLength(22);
    const mine = (await t.http.get('/api/me/registrations').set(a.auth).expect(200)).body;
    expect(mine.find((r: { id: string }) => r.id === ra.id).shortCode).toBe(ra.shortCode);
    const session = event.sessions[0].id;
    const scan = (ticketCode: string) =>
      t.http.post(`/api/sessions/${session}/check-ins`).set(c.organizer.auth).send({ ticketCode });
    // Another event's short code is not a ticket here.
    expect((await scan(rb.shortCode).expect(404)).body.code).toBe('TICKET_NOT_FOUND');
    const spoken = `${ra.shortCode.slice(0, 4)}-${ra.shortCode.slice(4)}`.toLowerCase();
    const ok = await scan(` ${spoken} `).expect(201);
    expect(ok.body).toMatchObject({ alreadyCheckedIn: false, attendee: { name: '读码甲' } });
    expect(ok.body.checkIn.method).toBe('ticket');
    // The QR's long code finds the same check-in.
    expect((await scan(ra.ticketCode).expect(200)).body.alreadyCheckedIn).toBe(true);
    // Unique per event, given on every path to a ticket (here: 30 more registrations).
    const many = await manyFounders(t, 30, 'short');
    const codes = [ra.shortCode];
    for (const f of many) codes.push((await register(event.id, f)).shortCode);
    expect(new Set(codes).size).toBe(31);
  });

  it('opens the doors 24 hours before a session: earlier is 409 TOO_EARLY, later and afterwards is recorded', async () => {
    const event = await publishedEvent(t, c, { sessions: sessions(2, 3) });
    const founder = await signup(t);
    const ticket = (await register(event.id, founder)).ticketCode;
    const [s1, s2] = event.sessions.map((s) => s.id);
    const scan = (session: string, body: object) =>
      t.http.post(`/api/sessions/${session}/check-ins`).set(c.organizer.auth).send(body);
    // Three days ahead: refused for a ticket and for a walk-in, with the moment the doors open.
    const early = await scan(s1, { ticketCode: ticket }).expect(409);
    expect(early.body.code).toBe('TOO_EARLY');
    expect(Date.parse(early.body.details.opensAt)).toBe(
      Date.parse(event.sessions[0].startsAt) - 24 * 3600_000,
    );
    expect((await scan(s1, { walkIn: { name: '早到者', phone: '13700000009' } }).expect(409)).body.code).toBe(
      'TOO_EARLY',
    );
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [event.id]))[0]
        .n as number;
    expect(await count()).toBe(0);
    // Nothing was counted toward the year either.
    const audits = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action LIKE 'check_in.%' AND details->>'sessionId' = $1`,
      [s1],
    );
    expect(audits).toHaveLength(0);

    // Moved to start in 23 hours: the doors are open.
    const inHours = (h: number) => new Date(Math.ceil((Date.now() + h * 3600_000) / 60_000) * 60_000);
    const soon = inHours(23);
    const later = inHours(23 + 26);
    await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({
        sessions: [
          {
            id: s1,
            startsAt: soon.toISOString(),
            endsAt: new Date(soon.getTime() + 7_200_000).toISOString(),
          },
          {
            id: s2,
            startsAt: later.toISOString(),
            endsAt: new Date(later.getTime() + 7_200_000).toISOString(),
          },
        ],
      })
      .expect(200);
    await scan(s1, { ticketCode: ticket }).expect(201);
    // The second session, 49 hours away, is still closed.
    expect((await scan(s2, { ticketCode: ticket }).expect(409)).body.code).toBe('TOO_EARLY');
    expect(await count()).toBe(1);

    // Backfilled after the session: recorded.
    const past = sessions(2, -4).map((x, i) => ({ ...x, id: event.sessions[i].id }));
    await t.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ sessions: past }).expect(200);
    await scan(s2, { ticketCode: ticket }).expect(201);
    expect(await count()).toBe(2);
  });

  it('reports a two-session training: per-session counts, no-shows after each session, completion at 75%', async () => {
    const event = await publishedEvent(t, c, {
      type: 'training',
      sessions: sessions(2, 5),
      completionShare: 0.75,
    });
    const [a, b, d] = [
      await signup(t, { displayName: '甲' }),
      await signup(t, { displayName: '乙' }),
      await signup(t, { displayName: '丙' }),
    ];
    const [ra, rb] = [await register(event.id, a), await register(event.id, b)];
    await register(event.id, d);
    // The training took place: its sessions move to last week (organizers may record past sessions).
    const past = sessions(2, -8).map((s, i) => ({ ...s, id: event.sessions[i].id }));
    await t.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ sessions: past }).expect(200);
    const [s1, s2] = event.sessions.map((s) => s.id);
    const scan = (s: string, body: object) =>
      t.http.post(`/api/sessions/${s}/check-ins`).set(c.organizer.auth).send(body).expect(201);
    await scan(s1, { ticketCode: ra.ticketCode });
    await scan(s2, { ticketCode: ra.ticketCode });
    await scan(s1, { ticketCode: rb.ticketCode });
    await scan(s2, { walkIn: { name: '旁听者', phone: '13700000000' } });
    const res = await t.http.get(`/api/events/${event.id}/attendance`).set(c.organizer.auth).expect(200);
    expect(res.body).toMatchObject({ completionShare: 0.75, sessionsToComplete: 2 });
    expect(
      res.body.sessions.map(
        (s: { registered: number; checkedIn: number; walkIns: number; noShows: number }) => [
          s.registered,
          s.checkedIn,
          s.walkIns,
          s.noShows,
        ],
      ),
    ).toEqual([
      [3, 2, 0, 1],
      [3, 2, 1, 2],
    ]);
    const byName = Object.fromEntries(
      res.body.attendees.map((x: { name: string; attended: number; completed: boolean }) => [
        x.name,
        [x.attended, x.completed],
      ]),
    );
    expect(byName).toEqual({ 甲: [2, true], 乙: [1, false], 丙: [0, false], 旁听者: [1, false] });

    const csv = await t.http.get(`/api/events/${event.id}/attendance.csv`).set(c.organizer.auth).expect(200);
    expect(
      csv.text.startsWith('\uFEFF"姓名","企业","手机","类型","出席场次","是否结业","第 1 讲","第 2 讲"'),
    ).toBe(true);
    expect(csv.text).toContain(`"旁听者","","13700000000","现场登记","1/2","否","","✓"`);
    // Completion certificate: for 甲 (2 of 2 sessions), not for 乙 (1 of 2); verifiable by serial; revocable.
    const pdf = await t.http
      .get(`/api/registrations/${ra.id}/certificate.pdf`)
      .set(a.auth)
      .buffer(true)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const serial = /WT-\d{4}-\d{6}/.exec(decodeURIComponent(pdf.headers['content-disposition']))![0];
    // The serial alone says valid and for which event; the code in the QR says whose and how long.
    const checked = await t.http.get(`/api/certificates/${serial}`).expect(200);
    expect(checked.body).toEqual({
      serial,
      valid: true,
      eventTitle: event.title,
      organizationName: expect.any(String),
    });
    const [{ verify_code: code }] = await t.db.query(
      `SELECT verify_code FROM certificates WHERE serial = $1`,
      [serial],
    );
    const verified = await t.http.get(`/api/certificates/verify/${code}`).expect(200);
    expect(verified.body).toMatchObject({
      serial,
      holderName: '甲',
      hours: 4,
      valid: true,
      organizationName: expect.any(String),
    });
    const byOrganizer = await t.http
      .get(`/api/registrations/${ra.id}/certificate.pdf`)
      .set(c.organizer.auth)
      .expect(200);
    expect(byOrganizer.headers['content-disposition']).toContain(serial);
    expect(
      (await t.http.get(`/api/registrations/${rb.id}/certificate.pdf`).set(b.auth).expect(409)).body.code,
    ).toBe('NOT_COMPLETED');
    await t.http.get(`/api/registrations/${ra.id}/certificate.pdf`).set(b.auth).expect(404);
    await t.http.post(`/api/certificates/${serial}/revoke`).set(other.organizer.auth).expect(404);
    const revoked = await t.http.post(`/api/certificates/${serial}/revoke`).set(c.organizer.auth).expect(200);
    expect(revoked.body).toMatchObject({ valid: false });
    expect(
      (await t.http.get(`/api/registrations/${ra.id}/certificate.pdf`).set(a.auth).expect(409)).body.code,
    ).toBe('CERTIFICATE_REVOKED');
    await t.http.get('/api/certificates/WT-2026-999999').expect(404);
    await t.http.get('/api/certificates/../../etc').expect(404);

    // My registrations say, after the event, whether I came (a ticket is no longer what matters).
    const mine = async (who: SignedUp) =>
      (await t.http.get('/api/me/registrations').set(who.auth).expect(200)).body.find(
        (r: { eventId: string }) => r.eventId === event.id,
      );
    expect((await mine(a)).attendedSessions).toBe(2);
    expect((await mine(b)).attendedSessions).toBe(1);
    expect((await mine(d)).attendedSessions).toBe(0);
    const history = await t.http.get('/api/me/attendance').set(a.auth).expect(200);
    expect(history.body.map((h: { sessionId: string }) => h.sessionId)).toEqual([s2, s1]);
  });

  it('lets a founder check themselves in with the rotating code during the session window, and says why not otherwise', async () => {
    const now = Date.now();
    const soon = await publishedEvent(t, c, {
      sessions: [
        {
          startsAt: new Date(now + 10 * 60_000).toISOString(),
          endsAt: new Date(now + 70 * 60_000).toISOString(),
        },
      ],
    });
    const later = await publishedEvent(t, c, { sessions: sessions(1, 3) });
    const [founder, stranger] = [await signup(t), await signup(t)];
    await register(soon.id, founder);
    await register(later.id, founder);
    const s = soon.sessions[0].id;
    await t.http.get(`/api/sessions/${s}/self-check-in-code`).set(founder.auth).expect(403);
    const code = await t.http.get(`/api/sessions/${s}/self-check-in-code`).set(c.organizer.auth).expect(200);
    expect(code.body.url).toContain(`/check-in/${s}?code=${code.body.code}`);
    const self = await t.http
      .post(`/api/sessions/${s}/self-check-in`)
      .set(founder.auth)
      .send({ code: code.body.code })
      .expect(201);
    expect(self.body.checkIn.method).toBe('self');
    await t.http
      .post(`/api/sessions/${s}/self-check-in`)
      .set(founder.auth)
      .send({ code: code.body.code })
      .expect(200);
    expect(
      (
        await t.http
          .post(`/api/sessions/${s}/self-check-in`)
          .set(stranger.auth)
          .send({ code: code.body.code })
          .expect(409)
      ).body.code,
    ).toBe('NOT_REGISTERED');
    expect(
      (
        await t.http
          .post(`/api/sessions/${s}/self-check-in`)
          .set(founder.auth)
          .send({ code: 'forged-code-0000' })
          .expect(409)
      ).body.code,
    ).toBe('CHECK_IN_CODE_EXPIRED');
    const l = later.sessions[0].id;
    const laterCode = await t.http
      .get(`/api/sessions/${l}/self-check-in-code`)
      .set(c.organizer.auth)
      .expect(200);
    const early = await t.http
      .post(`/api/sessions/${l}/self-check-in`)
      .set(founder.auth)
      .send({ code: laterCode.body.code })
      .expect(409);
    expect(early.body.code).toBe('CHECK_IN_CLOSED');
  });
});
