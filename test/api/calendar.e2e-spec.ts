import ICAL from 'ical.js';
import { signup, startTestApp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

describe('personal calendar feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const feedPath = (url: string) => new URL(url).pathname + new URL(url).search;

  it('serves the bookings of both sides to a secret address that a new token revokes', async () => {
    const mentor = await makeMentor(t);
    const founder = await signup(t);
    const [s1, , s3] = await slotsOf(t, mentor.id);
    const first = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: s1.startsAt, topic: '股权激励方案' })
      .expect(201);
    const second = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: s3.startsAt, topic: '取消的这次' })
      .expect(201);
    await t.http.post(`/api/bookings/${second.body.id}/cancel`).set(founder.auth).send({}).expect(200);

    await t.http.post('/api/me/calendar-token').expect(401);
    const { body } = await t.http.post('/api/me/calendar-token').set(founder.auth).expect(200);
    expect(body.url).toMatch(/^http:\/\/wutong\.test\/api\/me\/calendar\.ics\?token=[A-Za-z0-9_-]{40,}$/);

    const res = await t.http.get(feedPath(body.url)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([`booking-${first.body.id}@wutong`]);
    expect(events[0].startDate.toJSDate().toISOString()).toBe(new Date(s1.startsAt).toISOString());
    expect(events[0].summary).toBe('导师辅导：周导师');
    expect(events[0].description).toBe('股权激励方案');

    // The mentor's own feed has the same session, named after the founder.
    const mentorFeed = await t.http.post('/api/me/calendar-token').set(mentor.auth).expect(200);
    const mentorCal = new ICAL.Component(
      ICAL.parse((await t.http.get(feedPath(mentorFeed.body.url)).expect(200)).text),
    );
    expect(mentorCal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)).toEqual([
      `booking-${first.body.id}@wutong`,
    ]);

    // A new address: the old one stops working.
    const renewed = await t.http.post('/api/me/calendar-token').set(founder.auth).expect(200);
    expect(renewed.body.url).not.toBe(body.url);
    expect((await t.http.get(feedPath(body.url)).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http.get(feedPath(renewed.body.url)).expect(200);
    await t.http.get('/api/me/calendar.ics').expect(404);
    await t.http.get('/api/me/calendar.ics?token=made-up').expect(404);
    // Only the hash is stored.
    const token = new URL(renewed.body.url).searchParams.get('token')!;
    const [row] = await t.db.query(`SELECT token_hash FROM calendar_tokens WHERE user_id = $1`, [founder.id]);
    expect(row.token_hash).not.toBe(token);
  });

  it('stops the feed address when the password changes or is reset (issue 15, point 12)', async () => {
    const founder = await signup(t);
    const feed = async (auth: Record<string, string>) =>
      feedPath((await t.http.post('/api/me/calendar-token').set(auth).expect(200)).body.url);

    // Change: whoever had the old password may have copied the address.
    const before = await feed(founder.auth);
    await t.http.get(before).expect(200);
    const changed = await t.http
      .post('/api/me/password')
      .set(founder.auth)
      .send({ currentPassword: 'Correct-Horse-9', newPassword: 'Another-Horse-7' })
      .expect(200);
    await t.http.get(before).expect(404);
    const auth = { Authorization: `Bearer ${changed.body.accessToken}` };
    const renewed = await feed(auth);
    await t.http.get(renewed).expect(200);

    // Reset: the same.
    await t.http.post('/api/auth/password-reset').send({ email: founder.email }).expect(202);
    const [mail] = await t.db.query(
      `SELECT text_body FROM outbox_messages WHERE recipient = $1 AND template = 'passwordReset'`,
      [founder.email],
    );
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'Reset-Horse-42' })
      .expect(200);
    await t.http.get(renewed).expect(404);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM calendar_tokens WHERE user_id = $1`,
      [founder.id],
    );
    expect(count).toBe(0);
  });
});
