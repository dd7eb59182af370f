import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { doorSessions, publishedEvent, setUpCarrier } from '../support/events';
import { startStreamingReplica, type StreamingReplica } from '../support/replica-cluster';
import { signup, startTestApp, type TestApp } from '../support/test-app';

/**
 * DATABASE_REPLICA_URLS pointing at a real streaming replica: a second PostgreSQL cluster cloned from
 * the test server with pg_basebackup -R (test/support/replica-cluster.ts). The dashboard reads from
 * it; writes, and the reads a person expects to show their own write at once, stay on the primary.
 * Replay is paused to make the replica's lag deterministic. Where no replica can be made (the
 * primary's settings, permissions), every test here fails and says why.
 */
describe('reads from a streaming replica', () => {
  let replica: StreamingReplica | undefined;
  let whyNot = '';
  let t: TestApp;

  beforeAll(async () => {
    try {
      replica = await startStreamingReplica();
    } catch (e) {
      whyNot = (e as Error).message;
      process.stdout.write(`read-replica: no streaming replica, the replica tests fail: ${whyNot}\n`);
      return;
    }
    const r = replica;
    // The app's database is created on the primary first; the replica must have replayed it
    // before the app opens its replica pool.
    t = await startTestApp(async (url) => {
      await r.caughtUp();
      return { DATABASE_REPLICA_URLS: r.urlOf(url) };
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await replica?.remove();
  });

  const theReplica = (): StreamingReplica => {
    if (!replica) throw new Error(`no streaming replica could be made for these tests: ${whyNot}`);
    return replica;
  };
  /** One query on the app's database as the replica holds it. */
  const onReplica = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: theReplica().urlOf(t.config.databaseUrl) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  let visits: () => Promise<number>;

  it('shows the dashboard as the replica has it while my registration and check-in are on the primary at once', async () => {
    const r = theReplica();
    expect(await onReplica(`SELECT pg_is_in_recovery() AS standby`)).toEqual([{ standby: true }]);
    const c = await setUpCarrier(t);
    const event = await publishedEvent(t, c, { capacity: 10, sessions: doorSessions() });
    const founder = await signup(t);
    // The year in the carrier's zone (Asia/Shanghai, UTC+8), where the dashboard counts it.
    const year = new Date(Date.parse(event.sessions[0].startsAt) + 8 * 3600_000).getUTCFullYear();
    visits = async () => {
      const res = await t.http
        .get('/api/dashboard')
        .query({ year, organizationId: c.organizationId })
        .set(c.organizer.auth)
        .expect(200);
      return res.body.metrics.find((m: { metric: string }) => m.metric === 'participant_visits')
        .actual as number;
    };
    await r.caughtUp();
    expect(await visits()).toBe(0);

    // The replica falls behind: WAL keeps arriving, nothing of it is replayed.
    await r.pauseReplay();
    const reg = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(201);
    // Read-your-writes: my registrations come from the primary, the replica does not have it yet.
    const mine = await t.http.get('/api/me/registrations').set(founder.auth).expect(200);
    expect(JSON.stringify(mine.body)).toContain(reg.body.id);
    expect(await onReplica(`SELECT id FROM registrations WHERE id = $1`, [reg.body.id])).toEqual([]);
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.body.ticketCode })
      .expect(201);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE organization_id = $1`, [
      c.organizationId,
    ])) as { n: number }[];
    expect(n).toBe(1);
    // The organizer's dashboard, read from the lagging replica, does not count the check-in yet…
    expect(await visits()).toBe(0);
    const [lag] = await onReplica<{ behind: boolean }>(
      `SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn() AS behind`,
    );
    expect(lag.behind).toBe(true);
    // …and does once the replica has replayed what it received.
    await r.resumeReplay();
    await r.caughtUp();
    expect(await visits()).toBe(1);
  });

  it('reads the dashboard from the primary, and logs it, when the replica stops', async () => {
    const r = theReplica();
    if (!visits) throw new Error('the first test did not get as far as the dashboard');
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await r.stop();
      expect(await visits()).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(String) }),
        'read replica unavailable, reading from the primary',
      );
      // Writes never needed the replica.
      const [{ up }] = (await t.db.query(`SELECT 1 AS up`)) as { up: number }[];
      expect(up).toBe(1);
    } finally {
      warn.mockRestore();
    }
  });
});
