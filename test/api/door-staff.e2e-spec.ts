import type { EventView } from '@wutong/shared';
import { doorSessions, publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

/** `YYYY-MM` of a month some days back and its 15th, 19:00 in Shanghai (no month edge near). */
function pastMonth(daysBack: number): { month: string; at: string } {
  const d = new Date(Date.now() + 8 * 3600_000 - daysBack * DAY);
  const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return { month, at: `${month}-15T19:00:00+08:00` };
}

describe('door staff and co-hosts (issue 18, point 2)', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  let staff: SignedUp;
  let founder: SignedUp;
  let event: EventView;
  let otherEvent: EventView;
  let ticket: string;

  const checkIn = (who: SignedUp, sessionId: string, body: object) =>
    t.http.post(`/api/sessions/${sessionId}/check-ins`).set(who.auth).send(body);
  const register = async (eventId: string, who: SignedUp): Promise<string> =>
    (await t.http.post(`/api/events/${eventId}/registrations`).set(who.auth).send({}).expect(201)).body
      .ticketCode;

  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
    staff = await signup(t, { displayName: '志愿者小王' });
    founder = await signup(t, { displayName: '创业者小李' });
    event = await publishedEvent(t, c, { title: '门口沙龙', sessions: doorSessions() });
    otherEvent = await publishedEvent(t, other, { title: '别家的沙龙', sessions: doorSessions() });
    ticket = await register(event.id, founder);
  });
  afterAll(() => t.close());

  it("lets the carrier's organizers name and list door staff; founders and another carrier's organizers are refused", async () => {
    const path = `/api/organizations/${c.organizationId}/door-staff`;
    await t.http.post(path).set(founder.auth).send({ userId: staff.id }).expect(403);
    const refused = await t.http.post(path).set(other.organizer.auth).send({ userId: staff.id }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await t.http.get(path).set(other.organizer.auth).expect(403);
    await t.http.get(path).set(staff.auth).expect(403);
    await t.http.post(path).send({ userId: staff.id }).expect(401);
    const bad = await t.http.post(path).set(c.organizer.auth).send({ userId: 'nobody' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .post(path)
      .set(c.organizer.auth)
      .send({ userId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    await t.http
      .post('/api/organizations/00000000-0000-4000-8000-000000000000/door-staff')
      .set(c.admin.auth)
      .send({ userId: staff.id })
      .expect(404);
    const named = await t.http.post(path).set(c.organizer.auth).send({ userId: staff.id }).expect(200);
    expect(named.body).toEqual([
      expect.objectContaining({ userId: staff.id, displayName: '志愿者小王', email: staff.email }),
    ]);
    // Naming again changes nothing.
    await t.http.post(path).set(c.organizer.auth).send({ userId: staff.id }).expect(200);
    const listed = await t.http.get(path).set(c.admin.auth).expect(200);
    expect(listed.body.map((s: { userId: string }) => s.userId)).toEqual([staff.id]);
    const me = await t.http.get('/api/me').set(staff.auth).expect(200);
    expect(me.body.roles).toEqual(['founder', 'door_staff']);
    expect(me.body.doorStaffOf).toEqual([{ id: c.organizationId, name: expect.any(String) }]);
    expect(me.body.organizations).toEqual([]);
    const [audit] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'organization.door_staff.add' AND target_id = $1`,
      [staff.id],
    );
    expect(audit.n).toBe(1);
  });

  it("lets door staff work their carrier's door: event picker, ticket, search, walk-in, live count, undo of their own", async () => {
    const picker = await t.http.get('/api/door/events').set(staff.auth).expect(200);
    const ids = picker.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(event.id);
    expect(ids).not.toContain(otherEvent.id);
    const view = await t.http.get(`/api/events/${event.id}`).set(staff.auth).expect(200);
    expect(view.body).toMatchObject({ canCheckIn: true, canManage: false, coHosts: [] });

    const session = event.sessions[0].id;
    const scanned = await checkIn(staff, session, { ticketCode: ticket }).expect(201);
    expect(scanned.body.attendee.name).toBe('创业者小李');
    expect(scanned.body.checkIn.checkedInBy).toBe(staff.id);
    const found = await t.http
      .get(`/api/events/${event.id}/attendees`)
      .query({ q: '小李', sessionId: session })
      .set(staff.auth)
      .expect(200);
    expect(found.body).toHaveLength(1);
    const walkIn = await checkIn(staff, session, {
      walkIn: { name: '散客老赵', phone: '13800138111' },
    }).expect(201);
    const live = await t.http.get(`/api/sessions/${session}/check-ins`).set(staff.auth).expect(200);
    expect(live.body).toMatchObject({ registered: 1, checkedIn: 2, walkIns: 1 });
    await t.http.get(`/api/sessions/${session}/self-check-in-code`).set(staff.auth).expect(200);

    // Their own check-in they may undo; one an organizer made, not (organizers may).
    await t.http.delete(`/api/check-ins/${walkIn.body.checkIn.id}`).set(staff.auth).expect(204);
    const byOrganizer = await checkIn(c.organizer, session, { walkIn: { name: '散客老钱' } }).expect(201);
    await t.http.delete(`/api/check-ins/${byOrganizer.body.checkIn.id}`).set(staff.auth).expect(404);
    await t.http.delete(`/api/check-ins/${byOrganizer.body.checkIn.id}`).set(c.organizer.auth).expect(204);
  });

  it("refuses door staff at another carrier's event", async () => {
    const session = otherEvent.sessions[0].id;
    const otherTicket = await register(otherEvent.id, founder);
    expect((await checkIn(staff, session, { ticketCode: otherTicket })).status).toBe(404);
    expect((await checkIn(staff, session, { walkIn: { name: '散客' } })).status).toBe(404);
    await t.http.get(`/api/sessions/${session}/check-ins`).set(staff.auth).expect(404);
    await t.http.get(`/api/sessions/${session}/self-check-in-code`).set(staff.auth).expect(404);
    await t.http.get(`/api/events/${otherEvent.id}/attendees`).query({ q: '小' }).set(staff.auth).expect(404);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE session_id = $1`, [
      session,
    ]);
    expect(n).toBe(0);
  });

  it('refuses door staff everything else of their carrier: editing, registrations, attendance, exports, reports, people', async () => {
    const e = event.id;
    const o = c.organizationId;
    const refused: [string, string, object?][] = [
      ['patch', `/api/events/${e}`, { title: '改名' }],
      ['post', `/api/events/${e}/cancel`],
      ['post', `/api/events/${e}/publish`],
      ['post', '/api/events', {}],
      ['get', '/api/manage/events'],
      ['get', `/api/events/${e}/registrations`],
      ['get', `/api/events/${e}/registrations.csv`],
      ['get', `/api/events/${e}/attendance`],
      ['get', `/api/events/${e}/attendance.csv`],
      ['post', `/api/events/${e}/co-hosts`, { organizationId: other.organizationId }],
      ['get', '/api/dashboard'],
      ['get', `/api/organizations/${o}/members`],
      ['get', `/api/organizations/${o}/door-staff`],
      ['post', `/api/organizations/${o}/door-staff`, { userId: founder.id }],
      ['patch', `/api/organizations/${o}`, { name: '改名' }],
      ['post', `/api/organizations/${o}/venues`, { name: '会议室' }],
      ['get', '/api/users'],
    ];
    const http = t.http as unknown as Record<string, (url: string) => import('supertest').Test>;
    const answers = await Promise.all(
      refused.map(async ([method, url, body]) => {
        let call = http[method](url).set(staff.auth);
        if (body) call = call.send(body);
        return `${method.toUpperCase()} ${url} ${(await call).status}`;
      }),
    );
    // 403 where the guard stops them, 404 where the resource is another's to see.
    expect(answers.filter((a) => !/ (403|404)$/.test(a))).toEqual([]);
  });

  it('refuses removed door staff on their very next request', async () => {
    const removable = await signup(t, { displayName: '临时志愿者' });
    const path = `/api/organizations/${c.organizationId}/door-staff`;
    await t.http.post(path).set(c.organizer.auth).send({ userId: removable.id }).expect(200);
    const session = event.sessions[0].id;
    await t.http.get(`/api/sessions/${session}/check-ins`).set(removable.auth).expect(200);
    await t.http.delete(`${path}/${removable.id}`).set(other.organizer.auth).expect(403);
    await t.http.delete(`${path}/${removable.id}`).set(founder.auth).expect(403);
    const left = await t.http.delete(`${path}/${removable.id}`).set(c.organizer.auth).expect(200);
    expect(left.body.map((s: { userId: string }) => s.userId)).toEqual([staff.id]);
    await t.http.delete(`${path}/${removable.id}`).set(c.organizer.auth).expect(404);
    await t.http.get(`/api/sessions/${session}/check-ins`).set(removable.auth).expect(403);
    expect((await checkIn(removable, session, { walkIn: { name: '散客' } })).status).toBe(403);
    await t.http.get('/api/door/events').set(removable.auth).expect(403);
    // Their own account stays theirs.
    const me = await t.http.get('/api/me').set(removable.auth).expect(200);
    expect(me.body.roles).toEqual(['founder']);
  });

  it("lets a co-host's organizers and door staff work that one event's door, not the host's other events", async () => {
    const coHosted = await publishedEvent(t, c, { title: '联合主办沙龙', sessions: doorSessions() });
    const hostOnly = await publishedEvent(t, c, { title: '主办方自己的沙龙', sessions: doorSessions() });
    const coTicket = await register(coHosted.id, founder);
    const path = `/api/events/${coHosted.id}/co-hosts`;
    // Only the host's organizers (and admins) add co-hosts.
    await t.http
      .post(path)
      .set(other.organizer.auth)
      .send({ organizationId: other.organizationId })
      .expect(403);
    await t.http.post(path).set(staff.auth).send({ organizationId: other.organizationId }).expect(403);
    const self = await t.http
      .post(path)
      .set(c.organizer.auth)
      .send({ organizationId: c.organizationId })
      .expect(400);
    expect(self.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .post(path)
      .set(c.organizer.auth)
      .send({ organizationId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    const added = await t.http
      .post(path)
      .set(c.organizer.auth)
      .send({ organizationId: other.organizationId })
      .expect(200);
    expect(added.body).toEqual([expect.objectContaining({ organizationId: other.organizationId })]);

    const hostView = await t.http.get(`/api/events/${coHosted.id}`).set(c.organizer.auth).expect(200);
    expect(hostView.body.coHosts).toEqual(added.body);
    const coView = await t.http.get(`/api/events/${coHosted.id}`).set(other.organizer.auth).expect(200);
    expect(coView.body).toMatchObject({ canManage: false, canCheckIn: true, coHosts: added.body });
    const publicView = await t.http.get(`/api/events/${coHosted.id}`).set(founder.auth).expect(200);
    expect(publicView.body).toMatchObject({ canCheckIn: false, coHosts: [] });

    const session = coHosted.sessions[0].id;
    const checked = await checkIn(other.organizer, session, { ticketCode: coTicket }).expect(201);
    await t.http.get(`/api/events/${coHosted.id}/attendance`).set(other.organizer.auth).expect(200);
    await t.http
      .get(`/api/events/${coHosted.id}/attendees`)
      .query({ q: '小李' })
      .set(other.organizer.auth)
      .expect(200);
    // Co-host organizers undo any check-in of the event; they do not edit it.
    await t.http.delete(`/api/check-ins/${checked.body.checkIn.id}`).set(other.organizer.auth).expect(204);
    await t.http
      .patch(`/api/events/${coHosted.id}`)
      .set(other.organizer.auth)
      .send({ title: '改名' })
      .expect(403);
    await t.http.get(`/api/events/${coHosted.id}/registrations`).set(other.organizer.auth).expect(404);
    // The co-host's door staff too.
    const coStaff = await signup(t, { displayName: '乙方志愿者' });
    await t.http
      .post(`/api/organizations/${other.organizationId}/door-staff`)
      .set(other.organizer.auth)
      .send({ userId: coStaff.id })
      .expect(200);
    await checkIn(coStaff, session, { walkIn: { name: '联合散客' } }).expect(201);
    const picker = await t.http.get('/api/door/events').set(other.organizer.auth).expect(200);
    const ids = picker.body.items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([coHosted.id, otherEvent.id]));
    expect(ids).not.toContain(hostOnly.id);

    // Not at the host's other events.
    for (const who of [other.organizer, coStaff]) {
      expect((await checkIn(who, hostOnly.sessions[0].id, { walkIn: { name: '散客' } })).status).toBe(404);
      await t.http.get(`/api/sessions/${hostOnly.sessions[0].id}/check-ins`).set(who.auth).expect(404);
    }
    await t.http.get(`/api/events/${hostOnly.id}/attendance`).set(other.organizer.auth).expect(404);

    // Removed, the co-host's door closes at once.
    await t.http.delete(`${path}/${other.organizationId}`).set(other.organizer.auth).expect(403);
    await t.http.delete(`${path}/${other.organizationId}`).set(c.organizer.auth).expect(200);
    await t.http.delete(`${path}/${other.organizationId}`).set(c.organizer.auth).expect(404);
    expect((await checkIn(other.organizer, session, { walkIn: { name: '再来' } })).status).toBe(404);
  });

  it('keeps a locked month closed to door staff too (409 PERIOD_LOCKED)', async () => {
    const locked = pastMonth(45);
    const past = await publishedEvent(t, c, {
      title: '已上报月份的活动',
      sessions: [
        { startsAt: locked.at, endsAt: new Date(new Date(locked.at).getTime() + 2 * 3600_000).toISOString() },
      ],
    });
    await t.http
      .put(`/api/periods/${locked.month}/lock`)
      .set(c.admin.auth)
      .send({ reason: '月报已上报' })
      .expect(200);
    const res = await checkIn(staff, past.sessions[0].id, { walkIn: { name: '补录散客' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PERIOD_LOCKED');
  });
});
