/**
 * Meeting links reach only those who may join (docs/security.md, "Outside attack, second round",
 * point 3): an event's link its confirmed registrants and organizers; a mentor's link the booked
 * founder and the mentor's side. Every other outlet says only that there is one.
 */
import { makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';
import { publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const LINK = 'https://meeting.example.com/j/83920017?pwd=secret';
const MENTOR_LINK = 'https://meeting.example.com/j/mentor-zhou?pwd=secret';

describe('meeting links', () => {
  let t: TestApp;
  let c: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
  });
  afterAll(() => t.close());

  /** Every text the outbox holds for this person (subjects, bodies and invites). */
  const mailsTo = async (who: SignedUp): Promise<string> => {
    const rows: { text_body: string; html_body: string; attachments: unknown }[] = await t.db.query(
      `SELECT text_body, html_body, attachments FROM outbox_messages WHERE recipient = $1`,
      [who.email.toLowerCase()],
    );
    return JSON.stringify(rows);
  };

  it.each([
    ['an open event', false],
    ['an approval-only event', true],
  ])(
    'keeps %s’s link from everyone but its confirmed registrants and organizers',
    async (_label, approval) => {
      const event = await publishedEvent(t, c, {
        capacity: 1,
        onlineUrl: LINK,
        approvalRequired: approval,
        waitlistEnabled: true,
      });
      const confirmed = await signup(t);
      const waiting = await signup(t);
      const stranger = await signup(t);
      const first = await t.http.post(`/api/events/${event.id}/registrations`).set(confirmed.auth).send({});
      if (approval) await t.http.post(`/api/registrations/${first.body.id}/approve`).set(c.organizer.auth);
      await t.http.post(`/api/events/${event.id}/registrations`).set(waiting.auth).send({});

      // Public outlets: the list, the page, the public calendar feed.
      const list = await t.http
        .get('/api/events')
        .query({ organizationId: c.organizationId, pageSize: 100 })
        .expect(200);
      const item = list.body.items.find((e: { id: string }) => e.id === event.id);
      expect(item).toMatchObject({ online: true, onlineUrl: null });
      for (const viewer of [undefined, stranger, waiting]) {
        const page = await t.http
          .get(`/api/events/${event.id}`)
          .set(viewer ? viewer.auth : {})
          .expect(200);
        expect(page.body).toMatchObject({ online: true, onlineUrl: null });
      }
      const feed = await t.http.get(`/api/events/${event.id}/calendar.ics`).expect(200);
      expect(feed.text).not.toContain('meeting.example.com');
      const waitingRegs = await t.http.get('/api/me/registrations').set(waiting.auth).expect(200);
      expect(JSON.stringify(waitingRegs.body)).not.toContain('meeting.example.com');
      expect(await mailsTo(waiting)).not.toContain('meeting.example.com');

      // Those who may join see it: the confirmed registrant (page, my registrations, mail, own feed)…
      const mine = await t.http.get(`/api/events/${event.id}`).set(confirmed.auth).expect(200);
      expect(mine.body.onlineUrl).toBe(LINK);
      const regs = await t.http.get('/api/me/registrations').set(confirmed.auth).expect(200);
      expect(regs.body.find((r: { eventId: string }) => r.eventId === event.id).event.onlineUrl).toBe(LINK);
      await t.drainOutbox();
      expect(await mailsTo(confirmed)).toContain('meeting.example.com');
      const token = await t.http.post('/api/me/calendar-token').set(confirmed.auth).expect(200);
      const own = await t.http
        .get(new URL(token.body.url).pathname + new URL(token.body.url).search)
        .expect(200);
      expect(own.text).toContain('meeting.example.com');
      // …and the event's organizers, on its page and in their list.
      const managed = await t.http.get(`/api/events/${event.id}`).set(c.organizer.auth).expect(200);
      expect(managed.body.onlineUrl).toBe(LINK);
      const manageList = await t.http.get('/api/manage/events').set(c.organizer.auth).expect(200);
      expect(manageList.body.items.find((e: { id: string }) => e.id === event.id).onlineUrl).toBe(LINK);

      // Cancelling takes the link away again, and the cancellation mail does not carry it.
      await t.http.post(`/api/registrations/${first.body.id}/cancel`).set(confirmed.auth).expect(200);
      const after = await t.http.get(`/api/events/${event.id}`).set(confirmed.auth).expect(200);
      expect(after.body.onlineUrl).toBeNull();
    },
  );

  it("keeps a mentor's link for the booked founder and the mentor's side", async () => {
    const mentor = await makeMentor(t, { ...OPEN_ALL_DAY, onlineUrl: MENTOR_LINK });
    const founder = await signup(t);
    const stranger = await signup(t);
    for (const viewer of [undefined, stranger, founder]) {
      const page = await t.http
        .get(`/api/mentors/${mentor.id}`)
        .set(viewer ? viewer.auth : {})
        .expect(200);
      expect(page.body).toMatchObject({ online: true, onlineUrl: null });
    }
    const own = await t.http.get(`/api/mentors/${mentor.id}`).set(mentor.auth).expect(200);
    expect(own.body.onlineUrl).toBe(MENTOR_LINK);
    const organizer = await t.http.get(`/api/mentors/${mentor.id}`).set(c.organizer.auth).expect(200);
    expect(organizer.body.onlineUrl).toBe(MENTOR_LINK);

    const [slot] = await slotsOf(t, mentor.id);
    const booking = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: slot.startsAt, topic: '融资路演准备' })
      .expect(201);
    expect(booking.body.onlineUrl).toBe(MENTOR_LINK);
    const mine = await t.http.get('/api/me/bookings').set(founder.auth).expect(200);
    expect(JSON.stringify(mine.body)).toContain(MENTOR_LINK);
    expect(JSON.stringify((await t.http.get('/api/me/bookings').set(stranger.auth)).body)).not.toContain(
      'mentor-zhou',
    );
  });
});
