import type { EventSummary, EventView, SeriesView } from '@wutong/shared';
import { eventBody, publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

/** The wall clock of an instant in a zone, as 'YYYY-MM-DD HH:mm'. */
const wall = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

describe('organizer tools: duplicating an event and repeating it as a series', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  let founder: SignedUp;
  let mentor: SignedUp;
  let source: EventView;

  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
    founder = await signup(t);
    mentor = await signup(t, { displayName: '王导师' });
    await grantRole(t, mentor.id, 'mentor');
    const venue = await t.http
      .post(`/api/organizations/${c.organizationId}/venues`)
      .set(c.organizer.auth)
      .send({ name: '路演厅', capacity: 80 })
      .expect(201);
    // Two evenings a day apart, the second an hour longer, opening registration a week before.
    const [first, second] = sessions(2, 10);
    const secondEnds = new Date(new Date(second.endsAt).getTime() + HOUR).toISOString();
    source = await publishedEvent(t, c, {
      type: 'training',
      title: '财税训练营',
      description: '两晚讲透增值税。',
      capacity: 40,
      venueId: venue.body.id,
      speakerIds: [mentor.id],
      registrationOpensAt: new Date(Date.now() + DAY).toISOString(),
      sessions: [first, { ...second, endsAt: secondEnds }],
      questions: [{ label: '公司名称', kind: 'short_text', required: true }],
    });
    await t.db.query(`UPDATE events SET registration_opens_at = now() - interval '1 day' WHERE id = $1`, [
      source.id,
    ]);
    await t.http
      .post(`/api/events/${source.id}/registrations`)
      .set(founder.auth)
      .send({
        answers: { [source.questions[0].id]: '梧桐科技' },
      });
  });
  afterAll(() => t.close());

  describe('POST /events/:id/duplicate', () => {
    it('makes a draft with the sessions moved to the new start, durations and gaps kept', async () => {
      const startsAt = new Date(new Date(source.startsAt).getTime() + 30 * DAY + 2 * HOUR).toISOString();
      const res = await t.http
        .post(`/api/events/${source.id}/duplicate`)
        .set(c.organizer.auth)
        .send({ startsAt })
        .expect(201);
      const copy: EventView = res.body;
      expect(copy.id).not.toBe(source.id);
      expect(copy).toMatchObject({
        status: 'draft',
        type: 'training',
        title: '财税训练营',
        description: '两晚讲透增值税。',
        capacity: 40,
        seatsTaken: 0,
        waitlistCount: 0,
        organizationId: c.organizationId,
        venue: { id: source.venue!.id },
        speakers: [{ id: mentor.id }],
        myRegistration: null,
        seriesId: null,
        startsAt,
      });
      expect(copy.questions).toEqual(source.questions);
      const shift = new Date(startsAt).getTime() - new Date(source.startsAt).getTime();
      expect(copy.sessions.map((s) => [s.startsAt, s.endsAt, s.title])).toEqual(
        source.sessions.map((s) => [
          new Date(new Date(s.startsAt).getTime() + shift).toISOString(),
          new Date(new Date(s.endsAt).getTime() + shift).toISOString(),
          s.title,
        ]),
      );
      expect(new Date(copy.registrationOpensAt!).getTime()).toBeGreaterThan(Date.now());
      const regs = await t.http.get(`/api/events/${copy.id}/registrations`).set(c.organizer.auth).expect(200);
      expect(regs.body).toEqual([]);
      const source2 = await t.http.get(`/api/events/${source.id}`).set(c.organizer.auth).expect(200);
      expect(source2.body.seatsTaken).toBe(1);
    });

    it('lets an admin duplicate any carrier’s event, and a draft be duplicated too', async () => {
      const draft = await t.http
        .post('/api/events')
        .set(c.organizer.auth)
        .send(eventBody(c.organizationId))
        .expect(201);
      const startsAt = new Date(Date.now() + 40 * DAY).toISOString();
      const res = await t.http
        .post(`/api/events/${draft.body.id}/duplicate`)
        .set(c.admin.auth)
        .send({ startsAt })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'draft', startsAt, sessionCount: 1 });
    });

    it('refuses founders, mentors and other carriers’ organizers, and bad starts', async () => {
      const startsAt = new Date(Date.now() + 40 * DAY).toISOString();
      const send = (who: SignedUp, id = source.id, body: unknown = { startsAt }) =>
        t.http
          .post(`/api/events/${id}/duplicate`)
          .set(who.auth)
          .send(body as object);
      expect((await send(founder).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await send(mentor).expect(403)).body.code).toBe('FORBIDDEN');
      // A published event of another carrier is public: 403; its draft is unknown to them: 404.
      await send(other.organizer).expect(403);
      const draft = await t.http
        .post('/api/events')
        .set(c.organizer.auth)
        .send(eventBody(c.organizationId))
        .expect(201);
      await send(other.organizer, draft.body.id).expect(404);
      await send(c.organizer, '7b0a3c55-9d1e-4a8e-9b56-3f1f4c2d6e01').expect(404);
      for (const body of [
        {},
        { startsAt: 'next tuesday' },
        { startsAt: '1999-12-31T10:00:00Z' },
        { startsAt: 12 },
      ]) {
        const res = await send(c.organizer, source.id, body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      await send(c.organizer, source.id, { startsAt, title: 'x' }).expect(400);
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM events WHERE organization_id = $1 AND created_by <> $2`,
        [c.organizationId, c.organizer.id],
      );
      expect(count).toBe(1); // only the admin's copy above
    });
  });

  describe('POST /events/:id/series', () => {
    it('adds weekly drafts, shows them as one series in the organizers’ list', async () => {
      const event = await publishedEvent(t, c, { title: '每周路演', sessions: sessions(1, 5) });
      const res = await t.http
        .post(`/api/events/${event.id}/series`)
        .set(c.organizer.auth)
        .send({ every: 'week', count: 4 })
        .expect(201);
      const view: SeriesView = res.body;
      expect(view.items).toHaveLength(5);
      expect(view.items[0]).toMatchObject({ id: event.id, status: 'published', seriesId: view.seriesId });
      view.items.forEach((item, k) => {
        expect(item.seriesId).toBe(view.seriesId);
        expect(new Date(item.startsAt).getTime() - new Date(event.startsAt).getTime()).toBe(k * 7 * DAY);
        expect(new Date(item.endsAt).getTime() - new Date(item.startsAt).getTime()).toBe(2 * HOUR);
        if (k > 0) expect(item).toMatchObject({ status: 'draft', title: '每周路演', seatsTaken: 0 });
      });
      const list = await t.http
        .get('/api/manage/events')
        .query({ q: '每周路演', pageSize: 100 })
        .set(c.organizer.auth)
        .expect(200);
      expect(list.body.items.map((e: EventSummary) => e.seriesId)).toEqual(Array(5).fill(view.seriesId));
      // A second series from the same event joins the same series.
      const more = await t.http
        .post(`/api/events/${event.id}/series`)
        .set(c.organizer.auth)
        .send({ every: '2weeks', count: 2 })
        .expect(201);
      expect(more.body.seriesId).toBe(view.seriesId);
      expect(more.body.items).toHaveLength(7);
      const read = await t.http.get(`/api/series/${view.seriesId}`).set(c.organizer.auth).expect(200);
      expect(read.body).toEqual(more.body);
      await t.http.get(`/api/series/${view.seriesId}`).set(other.organizer.auth).expect(404);
      await t.http.get(`/api/series/${view.seriesId}`).set(founder.auth).expect(403);
      await t.http.get(`/api/series/${view.seriesId}`).set(mentor.auth).expect(403);
    });

    it('repeats monthly on the carrier’s wall clock: the 31st becomes the last day of a shorter month', async () => {
      const year = new Date().getUTCFullYear() + 1;
      // 31 January, 19:00–21:00 in Shanghai.
      const event = await publishedEvent(t, c, {
        title: '月度沙龙',
        sessions: [{ startsAt: `${year}-01-31T19:00:00+08:00`, endsAt: `${year}-01-31T21:00:00+08:00` }],
      });
      const res = await t.http
        .post(`/api/events/${event.id}/series`)
        .set(c.organizer.auth)
        .send({ every: 'month', count: 3 })
        .expect(201);
      const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
      expect(res.body.items.map((e: EventSummary) => wall(e.startsAt, 'Asia/Shanghai'))).toEqual([
        `${year}-01-31 19:00`,
        `${year}-02-${leap ? 29 : 28} 19:00`,
        `${year}-03-31 19:00`,
        `${year}-04-30 19:00`,
      ]);
    });

    it('keeps the hour across summer time in the carrier’s zone', async () => {
      const berlin = await setUpCarrier(t, c.admin);
      await t.http
        .patch(`/api/organizations/${berlin.organizationId}`)
        .set(berlin.organizer.auth)
        .send({ timeZone: 'Europe/Berlin' })
        .expect(200);
      const year = new Date().getUTCFullYear() + 1;
      // 15 March 10:00 in winter time; the last Sunday of March moves Berlin to summer time.
      const created = await t.http
        .post('/api/events')
        .set(berlin.organizer.auth)
        .send(
          eventBody(berlin.organizationId, {
            sessions: [{ startsAt: `${year}-03-15T10:00:00+01:00`, endsAt: `${year}-03-15T12:00:00+01:00` }],
          }),
        )
        .expect(201);
      const res = await t.http
        .post(`/api/events/${created.body.id}/series`)
        .set(berlin.organizer.auth)
        .send({ every: '2weeks', count: 2 })
        .expect(201);
      expect(res.body.items.map((e: EventSummary) => wall(e.startsAt, 'Europe/Berlin'))).toEqual([
        `${year}-03-15 10:00`,
        `${year}-03-29 10:00`,
        `${year}-04-12 10:00`,
      ]);
      expect(res.body.items.map((e: EventSummary) => wall(e.endsAt, 'Europe/Berlin').slice(11))).toEqual([
        '12:00',
        '12:00',
        '12:00',
      ]);
    });

    it('refuses counts outside 2–52, unknown rhythms, and everyone but the event’s organizers', async () => {
      const send = (who: SignedUp, body: unknown, id = source.id) =>
        t.http
          .post(`/api/events/${id}/series`)
          .set(who.auth)
          .send(body as object);
      for (const body of [
        { every: 'week', count: 1 },
        { every: 'week', count: 53 },
        { every: 'week', count: 2.5 },
        { every: 'day', count: 3 },
        { every: 'week' },
      ]) {
        expect((await send(c.organizer, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      await send(founder, { every: 'week', count: 2 }).expect(403);
      await send(mentor, { every: 'week', count: 2 }).expect(403);
      await send(other.organizer, { every: 'week', count: 2 }).expect(403);
      const draft = await t.http
        .post('/api/events')
        .set(c.organizer.auth)
        .send(eventBody(c.organizationId))
        .expect(201);
      await send(other.organizer, { every: 'week', count: 2 }, draft.body.id).expect(404);
      const [{ series }] = await t.db.query(`SELECT series_id AS series FROM events WHERE id = $1`, [
        source.id,
      ]);
      expect(series).toBeNull();
    });
  });

  describe('a series’ drafts at once', () => {
    const newSeries = async (count: number): Promise<SeriesView> => {
      const event = await publishedEvent(t, c, { title: '系列讲座', sessions: sessions(1, 6) });
      const res = await t.http
        .post(`/api/events/${event.id}/series`)
        .set(c.organizer.auth)
        .send({ every: 'week', count })
        .expect(201);
      return res.body;
    };

    it('publishes every draft of the series; one draft can still be published alone', async () => {
      const series = await newSeries(3);
      await t.http.post(`/api/events/${series.items[1].id}/publish`).set(c.organizer.auth).expect(200);
      const res = await t.http
        .post(`/api/series/${series.seriesId}/publish`)
        .set(c.organizer.auth)
        .expect(200);
      expect(res.body.items.map((e: EventSummary) => e.status)).toEqual(Array(4).fill('published'));
      // Again: nothing left to publish, the same answer.
      await t.http.post(`/api/series/${series.seriesId}/publish`).set(c.admin.auth).expect(200);
      const audit: { n: number }[] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'event.publish' AND details->>'seriesId' = $1`,
        [series.seriesId],
      );
      expect(audit[0].n).toBe(2);
    });

    it('cancels the drafts of the series and leaves its published events alone', async () => {
      const series = await newSeries(3);
      await t.http.post(`/api/events/${series.items[2].id}/cancel`).set(c.organizer.auth).expect(200);
      const res = await t.http
        .post(`/api/series/${series.seriesId}/cancel`)
        .set(c.organizer.auth)
        .expect(200);
      expect(res.body.items.map((e: EventSummary) => e.status)).toEqual([
        'published',
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
    });

    it('refuses founders, mentors (403) and other carriers’ organizers (404)', async () => {
      const series = await newSeries(2);
      for (const action of ['publish', 'cancel']) {
        const url = `/api/series/${series.seriesId}/${action}`;
        await t.http.post(url).set(founder.auth).expect(403);
        await t.http.post(url).set(mentor.auth).expect(403);
        await t.http.post(url).set(other.organizer.auth).expect(404);
        await t.http.post(url).expect(401);
        await t.http
          .post(`/api/series/7b0a3c55-9d1e-4a8e-9b56-3f1f4c2d6e01/${action}`)
          .set(c.admin.auth)
          .expect(404);
      }
      const res = await t.http.get(`/api/events/${series.items[1].id}`).set(c.organizer.auth).expect(200);
      expect(res.body.status).toBe('draft');
    });
  });
});
