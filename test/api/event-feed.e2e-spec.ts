/**
 * The public calendar file of an event (docs/security.md, "Outside attack, second round", point 13):
 * rendered once per version of the event and served from memory until something it shows changes;
 * anonymous requests limited per client address.
 */
import { publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { startTestApp, type TestApp } from '../support/test-app';

describe('public event feeds', () => {
  let t: TestApp;
  let c: Carrier;
  beforeAll(async () => {
    t = await startTestApp({ FEED_RATE_LIMIT: '5/60' });
    c = await setUpCarrier(t);
  });
  afterAll(() => t.close());

  it('shows the next request every change to the event, its sessions and its place', async () => {
    const event = await publishedEvent(t, c, { sessions: sessions(3), title: '财税培训' });
    const feed = async () =>
      (await t.http.get(`/api/events/${event.id}/calendar.ics`).set(c.organizer.auth).expect(200)).text;
    const first = await feed();
    expect(first).toContain('SUMMARY:财税培训');
    expect(await feed()).toBe(first);

    await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ title: '财税实务培训' })
      .expect(200);
    expect(await feed()).toContain('SUMMARY:财税实务培训');

    const moved = sessions(3, 9).map((s, i) => ({ ...s, id: event.sessions[i].id }));
    await t.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ sessions: moved }).expect(200);
    const afterMove = await feed();
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').slice(0, 15);
    expect(afterMove.replace(/\r\n /g, '')).toContain(
      stamp(new Date(Date.parse(moved[0].startsAt) + 8 * 3600_000).toISOString()),
    );

    const venue = await t.http
      .post(`/api/organizations/${c.organizationId}/venues`)
      .set(c.organizer.auth)
      .send({ name: '二楼路演厅', address: '梧桐路 1 号' })
      .expect(201);
    await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ venueId: venue.body.id })
      .expect(200);
    expect((await feed()).replace(/\r\n /g, '')).toContain('二楼路演厅');

    await t.http.post(`/api/events/${event.id}/cancel`).set(c.organizer.auth).send({}).expect(200);
    expect(await feed()).toContain('METHOD:CANCEL');
  });

  it('limits anonymous requests per address (429 with Retry-After), not signed-in ones', async () => {
    const event = await publishedEvent(t, c);
    const url = `/api/events/${event.id}/calendar.ics`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http.get(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await t.http.get(url).expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The organizer (signed in) is not counted against the address.
    for (let i = 0; i < 3; i++) await t.http.get(url).set(c.organizer.auth).expect(200);
  });
});
