import { eventBody, publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

describe('events: create, edit, publish, list, and who may do what', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  let founder: SignedUp;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
    founder = await signup(t);
  });
  afterAll(() => t.close());

  it('creates a four-evening training as a draft with its sessions, questions and speakers', async () => {
    const mentor = await signup(t, { displayName: '李教授' });
    await grantRole(t, mentor.id, 'mentor');
    const venue = await t.http
      .post(`/api/organizations/${c.organizationId}/venues`)
      .set(c.organizer.auth)
      .send({ name: '创新中心 201', address: '解放大道 18 号', capacity: 60 })
      .expect(201);
    const res = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(
        eventBody(c.organizationId, {
          type: 'training',
          title: '财税培训（四晚）',
          venueId: venue.body.id,
          sessions: sessions(4).reverse(),
          speakerIds: [mentor.id],
          questions: [
            { label: '公司名称', kind: 'short_text', required: true },
            {
              label: '融资阶段',
              kind: 'single_choice',
              required: false,
              options: ['种子轮', '天使轮', 'A 轮'],
            },
          ],
        }),
      )
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      type: 'training',
      sessionCount: 4,
      capacity: 50,
      seatsTaken: 0,
      seatsLeft: 50,
      timeZone: 'Asia/Shanghai',
      venue: { id: venue.body.id, name: '创新中心 201' },
      speakers: [{ id: mentor.id, displayName: '李教授' }],
      canManage: true,
    });
    const starts = res.body.sessions.map((s: { startsAt: string }) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(res.body.startsAt).toBe(starts[0]);
    expect(res.body.questions).toHaveLength(2);
    expect(res.body.questions[0]).toMatchObject({
      label: '公司名称',
      kind: 'short_text',
      required: true,
      options: [],
    });
  });

  it('hides drafts from the public and from other carriers (404), shows them to their organizers', async () => {
    const draft = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId))
      .expect(201);
    await t.http.get(`/api/events/${draft.body.id}`).expect(404);
    await t.http.get(`/api/events/${draft.body.id}`).set(founder.auth).expect(404);
    await t.http.get(`/api/events/${draft.body.id}`).set(other.organizer.auth).expect(404);
    await t.http.get(`/api/events/${draft.body.id}`).set(c.organizer.auth).expect(200);
    await t.http.get(`/api/events/${draft.body.id}`).set(c.admin.auth).expect(200);
    const list = await t.http.get('/api/events').expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(draft.body.id);
    await t.http
      .patch(`/api/events/${draft.body.id}`)
      .set(other.organizer.auth)
      .send({ title: 'x' })
      .expect(404);
  });

  it('refuses event creation to founders, to anonymous callers and for another carrier', async () => {
    await t.http.post('/api/events').set(founder.auth).send(eventBody(c.organizationId)).expect(403);
    await t.http.post('/api/events').send(eventBody(c.organizationId)).expect(401);
    const res = await t.http
      .post('/api/events')
      .set(other.organizer.auth)
      .send(eventBody(c.organizationId))
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('lets only this carrier’s organizers edit, publish and cancel a published event (403 for others)', async () => {
    const event = await publishedEvent(t, c);
    expect(event.status).toBe('published');
    const edit = await t.http
      .patch(`/api/events/${event.id}`)
      .set(other.organizer.auth)
      .send({ title: '改名' })
      .expect(403);
    expect(edit.body.code).toBe('FORBIDDEN');
    await t.http.post(`/api/events/${event.id}/cancel`).set(other.organizer.auth).expect(403);
    await t.http.post(`/api/events/${event.id}/cancel`).set(founder.auth).expect(403);
    const ok = await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ title: '创业沙龙（更新）' })
      .expect(200);
    expect(ok.body.title).toBe('创业沙龙（更新）');
    const viaAdmin = await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.admin.auth)
      .send({ capacity: 60 })
      .expect(200);
    expect(viaAdmin.body.capacity).toBe(60);
  });

  it('refuses bad input with 400 and a field: sessions ending before they start, a foreign venue, unknown fields', async () => {
    const [s] = sessions();
    const backwards = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId, { sessions: [{ startsAt: s.endsAt, endsAt: s.startsAt }] }))
      .expect(400);
    expect(backwards.body.details[0]).toMatchObject({ field: 'sessions.0.endsAt', rules: ['endAfterStart'] });
    const otherVenue = await t.http
      .post(`/api/organizations/${other.organizationId}/venues`)
      .set(other.organizer.auth)
      .send({ name: '路演厅' })
      .expect(201);
    const foreign = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId, { venueId: otherVenue.body.id }))
      .expect(400);
    expect(foreign.body.details[0].field).toBe('venueId');
    const mass = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send({ ...eventBody(c.organizationId), seatsTaken: 10, status: 'published' })
      .expect(400);
    expect(mass.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['seatsTaken', 'status']);
    const noSessions = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId, { sessions: [] }))
      .expect(400);
    expect(noSessions.body.details[0].field).toBe('sessions');
    const choice = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(
        eventBody(c.organizationId, {
          questions: [{ label: '阶段', kind: 'single_choice', options: ['only one'] }],
        }),
      )
      .expect(400);
    expect(choice.body.details[0].field).toBe('questions.0.options');
    const notMentor = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send(eventBody(c.organizationId, { speakerIds: [founder.id] }))
      .expect(400);
    expect(notMentor.body.details[0].field).toBe('speakerIds');
  });

  it('lists published events page by page, filtered by type, carrier, dates and text', async () => {
    const t2 = await startTestApp();
    try {
      const cc = await setUpCarrier(t2);
      const oc = await setUpCarrier(t2, cc.admin);
      for (let i = 0; i < 5; i++)
        await publishedEvent(t2, cc, {
          title: `路演日 ${i}`,
          type: 'roadshow',
          sessions: sessions(1, 3 + i),
        });
      await publishedEvent(t2, oc, {
        title: '政策解读：高企认定',
        type: 'policy_briefing',
        sessions: sessions(1, 20),
      });
      await t2.http
        .post('/api/events')
        .set(cc.organizer.auth)
        .send(eventBody(cc.organizationId, { title: '草稿' }))
        .expect(201);
      await publishedEvent(t2, cc, { title: '往期沙龙', sessions: sessions(1, -30) });

      const all = await t2.http.get('/api/events').query({ pageSize: 4 }).expect(200);
      expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(all.body.items.map((e: { title: string }) => e.title)).toEqual([
        '路演日 0',
        '路演日 1',
        '路演日 2',
        '路演日 3',
      ]);
      const page2 = await t2.http.get('/api/events').query({ pageSize: 4, page: 2 }).expect(200);
      expect(page2.body.items.map((e: { title: string }) => e.title)).toEqual([
        '路演日 4',
        '政策解读：高企认定',
      ]);
      expect((await t2.http.get('/api/events').query({ type: 'policy_briefing' })).body.total).toBe(1);
      expect((await t2.http.get('/api/events').query({ organizationId: oc.organizationId })).body.total).toBe(
        1,
      );
      expect((await t2.http.get('/api/events').query({ q: '高企' })).body.items[0].title).toBe(
        '政策解读：高企认定',
      );
      expect((await t2.http.get('/api/events').query({ q: '100%_' })).body.total).toBe(0);
      const past = await t2.http
        .get('/api/events')
        .query({ from: new Date(Date.now() - 40 * 86400_000).toISOString(), to: new Date().toISOString() });
      expect(past.body.items.map((e: { title: string }) => e.title)).toEqual(['往期沙龙']);
      const bad = await t2.http.get('/api/events').query({ pageSize: 1000, type: 'party' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'type']);

      const managed = await t2.http
        .get('/api/manage/events')
        .set(cc.organizer.auth)
        .query({ status: 'draft' })
        .expect(200);
      expect(managed.body.items.map((e: { title: string }) => e.title)).toEqual(['草稿']);
      await t2.http
        .get('/api/manage/events')
        .set(cc.organizer.auth)
        .query({ organizationId: oc.organizationId })
        .expect(403);
      const founderT2 = await signup(t2);
      await t2.http.get('/api/manage/events').set(founderT2.auth).expect(403);
    } finally {
      await t2.close();
    }
  });

  it('accepts backfilled events whose sessions lie in the past, but takes no registrations for them', async () => {
    const past = await publishedEvent(t, c, { title: '去年的路演', sessions: sessions(2, -400) });
    expect(past.registrationOpen).toBe(false);
    const res = await t.http
      .post(`/api/events/${past.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(409);
    expect(res.body.code).toBe('REGISTRATION_CLOSED');
  });

  it('serves a published event as an iCalendar file, one VEVENT per session', async () => {
    const event = await publishedEvent(t, c, { sessions: sessions(3) });
    const res = await t.http.get(`/api/events/${event.id}/calendar.ics`).expect(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const ICAL = (await import('ical.js')).default;
    const cal = new ICAL.Component(ICAL.parse(res.text));
    expect(cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual(
      event.sessions.map((s) => `session-${s.id}@wutong`),
    );
  });
});
