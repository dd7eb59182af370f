import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrincipalCache } from '../../apps/api/src/auth/principal-cache';
import { publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import {
  grantRole,
  signup,
  startTestApp,
  startTwinApp,
  type SignedUp,
  type TestApp,
} from '../support/test-app';
import { makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

/**
 * Two API processes on one database (two Nest apps, each with its own pool and session listener):
 * sessions, event contexts and mentors' settings are kept in memory, and a change made through one
 * process is followed by the other — within 1 s for sessions (PostgreSQL NOTIFY), at the very next
 * request for events and mentors (the registration and booking statements check the version).
 */
describe('sessions and event contexts kept in memory, across two processes', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startTwinApp>>;
  let admin: SignedUp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTwinApp(a);
    admin = await signup(a, { displayName: '基地管理员' });
    await grantRole(a, admin.id, 'admin');
    await listening();
  });
  /** Measured windows, printed at the end (docs/benchmarks.md quotes them). */
  const windows: string[] = [];
  afterAll(async () => {
    process.stderr.write(`revocation windows on the other process: ${windows.join(', ')}\n`);
    await b.close();
    await a.close();
  });

  /** Both processes' listeners are up and their heartbeats fresh. */
  async function listening(): Promise<void> {
    const until = Date.now() + 10_000;
    while (![a, b].every((x) => x.app.get(PrincipalCache).trusted)) {
      if (Date.now() > until) throw new Error('the session listeners did not come up');
      await sleep(20);
    }
  }

  /** Signs in on both processes once, so both hold the session in memory. */
  async function warm(token: string): Promise<void> {
    for (const x of [a, b]) await x.http.get('/api/me').set(bearer(token)).expect(200);
  }

  /**
   * Polls `/api/me` on `x` with `token` every 5 ms until 401: how long after `since` (the moment the
   * revoking request was answered, i.e. committed) that was, in ms.
   */
  async function refusedAfter(
    x: { http: TestApp['http'] },
    token: string,
    since: number,
    label: string,
  ): Promise<number> {
    for (;;) {
      const res = await x.http.get('/api/me').set(bearer(token));
      if (res.status === 401) {
        const ms = performance.now() - since;
        windows.push(`${label} ${ms.toFixed(0)} ms`);
        return ms;
      }
      expect(res.status).toBe(200);
      if (performance.now() - since > 5_000) return Infinity;
      await sleep(5);
    }
  }

  /** Runs `change` with the notifying trigger of auth_sessions off (a revocation nobody hears of). */
  async function unheard(change: () => Promise<unknown>): Promise<void> {
    await a.db.query(`ALTER TABLE auth_sessions DISABLE TRIGGER auth_sessions_notify_principal`);
    try {
      await change();
    } finally {
      await a.db.query(`ALTER TABLE auth_sessions ENABLE TRIGGER auth_sessions_notify_principal`);
    }
  }

  /** Revokes every session of a user without the notification. */
  const revokeUnheard = (userId: string) =>
    unheard(() => a.db.query(`UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1`, [userId]));

  it('keeps a session in memory: a revocation nobody notifies is not seen, a notification is', async () => {
    const user = await signup(a);
    await warm(user.token);
    await revokeUnheard(user.id);
    // Served from memory: the database was not asked again.
    await b.http.get('/api/me').set(user.auth).expect(200);
    await a.db.query(`SELECT pg_notify('wutong_principals', $1)`, [user.id]);
    expect(await refusedAfter(b, user.token, performance.now(), 'bare notification')).toBeLessThan(1000);
    await a.http.get('/api/me').set(user.auth).expect(401);
  });

  it('asks one question at a time on its listener connection while requests and heartbeats catch up', async () => {
    const cache = a.app.get(PrincipalCache);
    // The listener's own connection: count the queries out on it at once (pg 9 refuses a second).
    const client = (cache as unknown as { client: Client }).client;
    const query = client.query.bind(client) as (sql: string) => Promise<unknown>;
    let out = 0;
    let most = 0;
    (client as unknown as { query: typeof query }).query = (sql: string) => {
      most = Math.max(most, ++out);
      return query(sql).finally(() => out--);
    };
    try {
      // Requests catching up back to back for 1.5 s: seven heartbeats fall among them.
      const until = performance.now() + 1500;
      const answers: boolean[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (performance.now() < until) answers.push(await cache.caughtUp());
        }),
      );
      expect(answers.length).toBeGreaterThan(100);
      expect(answers.every(Boolean)).toBe(true);
      expect(most).toBe(1);
    } finally {
      delete (client as unknown as { query?: unknown }).query;
    }
    // Still in step: a notification sent now is heard by the next catch-up.
    const user = await signup(a);
    await warm(user.token);
    await revokeUnheard(user.id);
    await a.http.get('/api/me').set(user.auth).expect(200);
    await a.db.query(`SELECT pg_notify('wutong_principals', $1)`, [user.id]);
    await a.http.get('/api/me').set(user.auth).expect(401);
  });

  it('refuses a session signed out on one process on the other within 1 s', async () => {
    const user = await signup(a);
    await warm(user.token);
    await a.http.post('/api/auth/logout').set(user.auth).expect(204);
    expect(await refusedAfter(b, user.token, performance.now(), 'sign-out')).toBeLessThan(1000);
    await a.http.get('/api/me').set(user.auth).expect(401);
  });

  it('keeps the sessions of one founder on three devices apart: one signed out, the others go on', async () => {
    const user = await signup(a);
    const signIn = async (): Promise<string> =>
      (
        await a.http
          .post('/api/auth/login')
          .send({ email: user.email, password: 'Correct-Horse-9' })
          .expect(200)
      ).body.accessToken;
    const devices = [user.token, await signIn(), await signIn()];
    for (const token of devices) await warm(token);
    /** Signs `token` out on `x`; the other process refuses it within 1 s. */
    const signOut = async (x: TestApp | typeof b, token: string, label: string) => {
      await x.http.post('/api/auth/logout').set(bearer(token)).expect(204);
      const other = x === a ? b : a;
      expect(await refusedAfter(other, token, performance.now(), label)).toBeLessThan(1000);
    };
    const works = async (token: string, status: 200 | 401) => {
      for (const x of [a, b]) await x.http.get('/api/me').set(bearer(token)).expect(status);
    };
    await signOut(a, devices[1], 'one of three devices');
    await works(devices[0], 200);
    await works(devices[2], 200);
    // Then the first device, signed out on the other process: the third, the last one left, still works.
    await signOut(b, devices[0], 'another of three devices');
    await works(devices[2], 200);
    await works(devices[0], 401);
    await signOut(a, devices[2], 'the last device');
    await works(devices[1], 401);
  });

  it('follows a role granted and then removed on the other process within 1 s', async () => {
    const user = await signup(a);
    await warm(user.token);
    await a.http.post(`/api/users/${user.id}/roles`).set(admin.auth).send({ role: 'mentor' }).expect(200);
    const since = performance.now();
    for (;;) {
      const me = await b.http.get('/api/me').set(user.auth).expect(200);
      if (me.body.roles.includes('mentor')) break;
      expect(performance.now() - since).toBeLessThan(1000);
      await sleep(5);
    }
    await a.http.delete(`/api/users/${user.id}/roles/mentor`).set(admin.auth).expect(200);
    expect(await refusedAfter(b, user.token, performance.now(), 'role removal')).toBeLessThan(1000);
  });

  it('refuses the old token after a password change on the other process within 1 s; the new one works', async () => {
    const user = await signup(a);
    await warm(user.token);
    const changed = await a.http
      .post('/api/me/password')
      .set(user.auth)
      .send({ currentPassword: 'Correct-Horse-9', newPassword: 'Another-Staple-42' })
      .expect(200);
    expect(await refusedAfter(b, user.token, performance.now(), 'password change')).toBeLessThan(1000);
    await b.http.get('/api/me').set(bearer(changed.body.accessToken)).expect(200);
  });

  it('refuses a disabled account on the other process within 1 s', async () => {
    const user = await signup(a);
    await warm(user.token);
    await a.http.post(`/api/admin/users/${user.id}/deactivate`).set(admin.auth).send({}).expect(200);
    expect(await refusedAfter(b, user.token, performance.now(), 'account disabled')).toBeLessThan(1000);
  });

  it('stops trusting memory when the listener is lost, and uses it again once reconnected', async () => {
    const user = await signup(a);
    await warm(user.token);
    // The listeners' connections die; a revocation made meanwhile is never notified.
    await unheard(async () => {
      await a.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'wutong-listener'`,
      );
      await a.db.query(`UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    });
    const since = performance.now();
    expect(await refusedAfter(b, user.token, since, 'listener lost (other)')).toBeLessThan(1000);
    expect(await refusedAfter(a, user.token, since, 'listener lost (same)')).toBeLessThan(1000);

    // Back: sessions are kept in memory again (an unheard revocation is, again, not seen).
    await listening();
    const other = await signup(a);
    await warm(other.token);
    await revokeUnheard(other.id);
    await b.http.get('/api/me').set(other.auth).expect(200);
    await a.db.query(`SELECT pg_notify('wutong_principals', $1)`, [other.id]);
    expect(await refusedAfter(b, other.token, performance.now(), 'after reconnecting')).toBeLessThan(1000);
  });

  describe('the event context of registering', () => {
    let c: Carrier;
    beforeAll(async () => {
      c = await setUpCarrier(a, admin);
    });

    const register = (x: { http: TestApp['http'] }, eventId: string, who: SignedUp, answers = {}) =>
      x.http.post(`/api/events/${eventId}/registrations`).set(who.auth).send({ answers });

    it('follows a lowered capacity, a closed window and approval at the very next registration', async () => {
      const event = await publishedEvent(a, c, { capacity: 5, waitlistEnabled: false });
      const [f1, f2, f3, f4, f5] = await Promise.all([1, 2, 3, 4, 5].map(() => signup(a)));
      // b reads the event once and keeps it.
      expect((await register(b, event.id, f1).expect(201)).body.status).toBe('confirmed');
      expect((await register(b, event.id, f2).expect(201)).body.status).toBe('confirmed');

      await a.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ capacity: 2 }).expect(200);
      expect((await register(b, event.id, f3).expect(409)).body.code).toBe('EVENT_FULL');

      await a.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ capacity: 5 }).expect(200);
      await a.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ registrationClosesAt: new Date(Date.now() - 60_000).toISOString() })
        .expect(200);
      expect((await register(b, event.id, f3).expect(409)).body.code).toBe('REGISTRATION_CLOSED');

      await a.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ registrationClosesAt: null })
        .expect(200);
      expect((await register(b, event.id, f3).expect(201)).body.status).toBe('confirmed');

      await a.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ approvalRequired: true })
        .expect(200);
      expect((await register(b, event.id, f4).expect(201)).body.status).toBe('pending_approval');

      await a.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ approvalRequired: false })
        .expect(200);
      expect((await register(b, event.id, f5).expect(201)).body.status).toBe('confirmed');
      const [{ seats_taken }] = await a.db.query(`SELECT seats_taken FROM events WHERE id = $1`, [event.id]);
      expect(seats_taken).toBe(4);
    });
  });
  describe("a mentor's settings for booking", () => {
    const book = (x: { http: TestApp['http'] }, mentorId: string, who: SignedUp, startsAt: string) =>
      x.http
        .post(`/api/mentors/${mentorId}/bookings`)
        .set(who.auth)
        .send({ startsAt, topic: '融资路演辅导' });
    /** The free slots of the first whole day after today (UTC) and of the day after. */
    async function laterDays(mentorId: string) {
      const slots = await slotsOf(a, mentorId);
      const days = [...new Set(slots.map((s) => s.startsAt.slice(0, 10)))].slice(1, 3);
      return days.map((d) => slots.filter((s) => s.startsAt.startsWith(d)).map((s) => s.startsAt));
    }

    it('follows changed confirmation, publication and daily maximum at the very next booking', async () => {
      const mentor = await makeMentor(a);
      const [day, nextDay] = await laterDays(mentor.id);
      const [f1, f2, f3, f4] = await Promise.all([1, 2, 3, 4].map(() => signup(a)));
      // b reads the mentor's settings once and keeps them.
      expect((await book(b, mentor.id, f1, day[0]).expect(201)).body.status).toBe('confirmed');

      await a.http
        .put('/api/me/availability')
        .set(mentor.auth)
        .send({ ...OPEN_ALL_DAY, confirmation: 'manual', requestTtlHours: 24 })
        .expect(200);
      expect((await book(b, mentor.id, f2, day[1]).expect(201)).body.status).toBe('requested');

      const profile = { category: 'investor', affiliation: '湘江创投', expertise: ['financing'] };
      await a.http
        .put('/api/me/mentor-profile')
        .set(mentor.auth)
        .send({ ...profile, published: false })
        .expect(200);
      expect((await book(b, mentor.id, f3, day[2]).expect(404)).body.code).toBe('NOT_FOUND');

      await a.http
        .put('/api/me/mentor-profile')
        .set(mentor.auth)
        .send({ ...profile, published: true })
        .expect(200);
      await a.http
        .put('/api/me/availability')
        .set(mentor.auth)
        .send({ ...OPEN_ALL_DAY, confirmation: 'instant', maxPerDay: 2 })
        .expect(200);
      expect((await book(b, mentor.id, f3, day[2]).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');
      expect((await book(b, mentor.id, f4, nextDay[0]).expect(201)).body.status).toBe('confirmed');

      const made: { founder_id: string; status: string }[] = await a.db.query(
        `SELECT founder_id, status FROM bookings WHERE mentor_id = $1 ORDER BY starts_at`,
        [mentor.id],
      );
      expect(made).toEqual([
        { founder_id: f1.id, status: 'confirmed' },
        { founder_id: f2.id, status: 'requested' },
        { founder_id: f4.id, status: 'confirmed' },
      ]);
    });

    it('keeps a buffer around a booking made under earlier hours, though the kept hours offer the slot', async () => {
      const morning = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '09:00',
        end: '12:00',
        slotMinutes: 60,
      }));
      const mentor = await makeMentor(a, { ...OPEN_ALL_DAY, rules: morning });
      const [day, nextDay] = await laterDays(mentor.id);
      expect(day.map((s) => s.slice(11, 16))).toEqual(['09:00', '10:00', '11:00']);
      const [f1, f2, f3] = await Promise.all([1, 2, 3].map(() => signup(a)));
      await book(a, mentor.id, f1, day[1]).expect(201); // 10:00–11:00

      // Half an hour between sessions from now on: the day's slots are 09:00 and 10:30, both too
      // close to the 10:00 booking. b learns the new hours by booking another day.
      await a.http
        .put('/api/me/availability')
        .set(mentor.auth)
        .send({ ...OPEN_ALL_DAY, rules: morning.map((r) => ({ ...r, bufferMinutes: 30 })) })
        .expect(200);
      await book(b, mentor.id, f2, nextDay[0]).expect(201);
      expect((await book(b, mentor.id, f3, day[0]).expect(409)).body.code).toBe('SLOT_UNAVAILABLE');
      const [{ count }] = await a.db.query(
        `SELECT count(*)::int AS count FROM bookings WHERE founder_id = $1`,
        [f3.id],
      );
      expect(count).toBe(0);
    });
  });
});
