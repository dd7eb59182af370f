/**
 * Issue #9: two API processes behind a round-robin proxy on one PostgreSQL and one Redis give the
 * same exact outcomes as one process: the registration rush, the 4-door check-in race, racing
 * bookings, throttling counted once, revocation seen everywhere, each mail sent once, and a process
 * killed mid-rush without losing anything confirmed.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  call,
  makeUsers,
  pool,
  publishedEvent,
  sleep,
  startApi,
  type ApiProcess,
  type Person,
} from '../support/api-process';
import { OPEN_ALL_DAY } from '../api/mentors-helpers';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { SmtpSink } from '../support/smtp-sink';

jest.setTimeout(240_000);

const shuffle = <T>(xs: T[]): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

describe('two API processes behind a load balancer', () => {
  const name = uniqueName('cluster');
  let url: string;
  let db: Client;
  let smtp: SmtpSink;
  let apis: ApiProcess[] = [];
  let proxy: RoundRobinProxy;
  let base: string;
  const figures: string[] = [];

  beforeAll(async () => {
    url = await createDatabase(name, process.env.WUTONG_TEST_TEMPLATE);
    db = new Client({ connectionString: url });
    await db.connect();
    smtp = await new SmtpSink().start();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `wutong-cluster-${randomBytes(4).toString('hex')}:`,
      AUTH_RATE_LIMIT: '10/60',
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      OUTBOX_RETRY_BASE_MS: '200',
    };
    apis = await Promise.all([startApi(env), startApi(env)]);
    proxy = await startRoundRobinProxy(apis.map((a) => a.port));
    base = `http://127.0.0.1:${proxy.port}/api`;
  }, 90_000);

  afterAll(async () => {
    console.log(['cluster: two processes behind a round-robin proxy', ...figures].join('\n'));
    await proxy?.close();
    await Promise.all(apis.map((a) => a.stop()));
    await smtp?.stop();
    await db?.end();
    await dropDatabase(name);
  });

  const direct = (i: number) => apis[i].base;
  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);

  it('runs the registration rush exactly: 500 founders, 100 seats, the rest on the waitlist', async () => {
    const { eventId } = await publishedEvent(base, url, { capacity: 100, waitlistEnabled: true });
    const founders = await makeUsers(url, 500, [], 'rush');
    const started = Date.now();
    const answers = await pool(founders, 64, (f) =>
      call(base, 'POST', `/events/${eventId}/registrations`, f.token, {}),
    );
    const ms = Date.now() - started;
    const by = (s: string) => answers.filter((a) => a.status === 201 && a.body.status === s).length;
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(by('confirmed')).toBe(100);
    expect(by('waitlisted')).toBe(400);
    const seats = Number(
      (await db.query(`SELECT seats_taken FROM events WHERE id = $1`, [eventId])).rows[0].seats_taken,
    );
    const confirmed = await count(
      `SELECT count(*) AS n FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [eventId],
    );
    expect([seats, confirmed]).toEqual([100, 100]);
    figures.push(
      `  rush: 500 founders in ${ms} ms through the proxy; 100 confirmed = seats_taken, 400 waitlisted`,
    );

    // Every founder gets exactly one mail (confirmation or waitlist), whichever worker sent it.
    const emails = new Set(founders.map((f) => f.email));
    const until = Date.now() + 90_000;
    const mine = () => smtp.mails.filter((m) => emails.has(String((m.to as { text: string }).text)));
    while (mine().length < 500 && Date.now() < until) await sleep(250);
    await sleep(1000); // a duplicate would arrive now
    const perRecipient = new Map<string, number>();
    for (const m of mine()) {
      const to = String((m.to as { text: string }).text);
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    const ids = new Set(mine().map((m) => m.messageId));
    figures.push(
      `  mails: ${mine().length} delivered for 500 founders, ${ids.size} distinct Message-IDs, ` +
        `${[...perRecipient.values()].filter((n) => n > 1).length} founders with more than one (the outbox worker runs in both processes)`,
    );
    expect(perRecipient.size).toBe(500);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  });

  it('checks 100 people in exactly once at 4 doors spread over both processes, with the same live count everywhere', async () => {
    // Starting in two hours: the doors open 24 hours before a session.
    const start = Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000;
    const { eventId, organizer } = await publishedEvent(base, url, {
      capacity: 100,
      waitlistEnabled: false,
      sessions: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
      ],
    });
    const founders = await makeUsers(url, 100, [], 'door');
    const regs = await pool(founders, 32, (f) =>
      call(base, 'POST', `/events/${eventId}/registrations`, f.token, {}),
    );
    const tickets = regs.map((r) => String(r.body.ticketCode));
    expect(tickets.every((t) => t.length > 4)).toBe(true);
    const event = await call(base, 'GET', `/events/${eventId}`, organizer.token);
    const sessionId = (event.body.sessions as { id: string }[])[0].id;

    const started = Date.now();
    const doors = await Promise.all(
      [0, 1, 2, 3].map((door) =>
        pool(shuffle(tickets), 4, (ticketCode) =>
          call(
            door % 2 === 0 ? base : direct(door % 2),
            'POST',
            `/sessions/${sessionId}/check-ins`,
            organizer.token,
            {
              ticketCode,
            },
          ),
        ),
      ),
    );
    const ms = Date.now() - started;
    const all = doors.flat();
    expect(all.filter((a) => a.status !== 201 && a.status !== 200)).toEqual([]);
    expect(all.filter((a) => a.status === 201)).toHaveLength(100);
    expect(all.filter((a) => a.status === 200 && a.body.alreadyCheckedIn === true)).toHaveLength(300);
    expect(await count(`SELECT count(*) AS n FROM check_ins WHERE session_id = $1`, [sessionId])).toBe(100);
    // The live count an organizer sees is the same whichever process answers.
    for (const i of [0, 1]) {
      const live = await call(direct(i), 'GET', `/sessions/${sessionId}/check-ins`, organizer.token);
      expect(live.body.checkedIn).toBe(100);
    }
    figures.push(
      `  doors: 400 scans of 100 tickets at 4 doors in ${ms} ms; 100 check-ins, 300 "already checked in"`,
    );
  });

  it('books one slot once among 100 founders racing for it', async () => {
    const [mentor] = await makeUsers(url, 1, ['mentor'], 'mentor');
    const profile = await call(base, 'PUT', '/me/mentor-profile', mentor.token, {
      category: 'investor',
      affiliation: '湘江创投',
      expertise: ['financing'],
      published: true,
    });
    expect(profile.status).toBe(200);
    expect((await call(base, 'PUT', '/me/availability', mentor.token, OPEN_ALL_DAY)).status).toBe(200);
    const from = new Date(Date.now() + 2 * 3600_000).toISOString();
    const to = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    const slots = await call(base, 'GET', `/mentors/${mentor.id}/slots?from=${from}&to=${to}`);
    const slot = (slots.body as unknown as { startsAt: string }[])[0];
    const founders = await makeUsers(url, 100, [], 'booker');
    const answers = await Promise.all(
      founders.map((f) =>
        call(base, 'POST', `/mentors/${mentor.id}/bookings`, f.token, {
          startsAt: slot.startsAt,
          topic: '融资',
        }),
      ),
    );
    // Anything but the one booking and 409 SLOT_UNAVAILABLE, shown as it came.
    const other = answers
      .filter((a) => a.status !== 201 && !(a.status === 409 && a.body.code === 'SLOT_UNAVAILABLE'))
      .map((a) => ({ status: a.status, body: a.body, ms: Math.round(a.ms) }));
    expect(other).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(
      await count(`SELECT count(*) AS n FROM bookings WHERE mentor_id = $1 AND status = 'confirmed'`, [
        mentor.id,
      ]),
    ).toBe(1);
    figures.push('  bookings: 100 founders racing for one slot: 1 booked, 99 × 409 SLOT_UNAVAILABLE');
  });

  it('ends the old token on the other process at once when the password changes', async () => {
    const email = `cluster.${randomBytes(4).toString('hex')}@example.cn`;
    const signup = await call(direct(0), 'POST', '/auth/signup', undefined, {
      email,
      password: 'Correct-Horse-9',
      displayName: '集群',
    });
    const old = String(signup.body.accessToken);
    expect((await call(direct(1), 'GET', '/me', old)).status).toBe(200);
    const changed = await call(direct(0), 'POST', '/me/password', old, {
      currentPassword: 'Correct-Horse-9',
      newPassword: 'Another-Horse-7',
    });
    expect(changed.status).toBe(200);
    expect((await call(direct(1), 'GET', '/me', old)).status).toBe(401);
    expect((await call(direct(1), 'GET', '/me', String(changed.body.accessToken))).status).toBe(200);
  });

  it('throttles 100 bad log-ins spread over both processes as one client', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 100; i++)
      answers.push(
        (
          await call(base, 'POST', '/auth/login', undefined, {
            email: `nobody${i}@example.cn`,
            password: 'Wrong-Pass-1',
          })
        ).status,
      );
    const limited = answers.filter((s) => s === 429).length;
    figures.push(
      `  throttling: ${limited} of 100 bad log-ins over both processes answered 429 (limit 10/60 per address)`,
    );
    expect(limited).toBeGreaterThanOrEqual(90);
  });

  it('keeps serving with nothing confirmed lost when one process is killed mid-rush', async () => {
    const { eventId } = await publishedEvent(direct(0), url, { capacity: 100, waitlistEnabled: true });
    const founders = await makeUsers(url, 300, [], 'survivor');
    let done = 0;
    const answers = await pool(founders, 32, async (f: Person) => {
      const a = await call(base, 'POST', `/events/${eventId}/registrations`, f.token, {});
      if (++done === 60) apis[1].child.kill('SIGKILL');
      return { f, a };
    });
    // Requests cut off by the kill (502 from the proxy, or a reset) are retried, as a client would.
    const cut = answers.filter(({ a }) => a.status === 502 || a.status === 0);
    const retried = await pool(cut, 16, ({ f }) =>
      call(base, 'POST', `/events/${eventId}/registrations`, f.token, {}),
    );
    expect(retried.filter((a) => a.status >= 500 || a.status === 0)).toEqual([]);
    const finals = [...answers.filter(({ a }) => !cut.some((c) => c.a === a)).map(({ a }) => a), ...retried];
    expect(finals.filter((a) => a.status >= 300)).toEqual([]);
    const seenConfirmed = finals.filter((a) => a.body.status === 'confirmed').map((a) => String(a.body.id));
    const rows = (
      await db.query(`SELECT id FROM registrations WHERE event_id = $1 AND status = 'confirmed'`, [eventId])
    ).rows.map((r: { id: string }) => r.id);
    const lost = seenConfirmed.filter((id) => !rows.includes(id));
    expect(lost).toEqual([]);
    expect(rows).toHaveLength(100);
    const seats = Number(
      (await db.query(`SELECT seats_taken FROM events WHERE id = $1`, [eventId])).rows[0].seats_taken,
    );
    expect(seats).toBe(100);
    expect(await count(`SELECT count(*) AS n FROM registrations WHERE event_id = $1`, [eventId])).toBe(300);
    figures.push(
      `  kill -9 of one process after 60 of 300 answers: ${cut.length} requests cut off and retried; ` +
        `100 confirmed = seats_taken, 200 waitlisted, lost ${lost.length}`,
    );
  });
});
