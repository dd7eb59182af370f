import { Client } from 'pg';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { doorSessions, publishedEvent, setUpCarrier } from '../support/events';
import { signup, startTestApp, type TestApp } from '../support/test-app';

/**
 * DATABASE_REPLICA_URLS: the dashboard and the annual report read from the replica, everything else
 * from the primary. The "replica" here is a second database that is not fed by the primary, so
 * whichever database a read used shows in its answer.
 */
describe('reads routed to a replica', () => {
  const replicaName = uniqueName('replica');
  let replica: Client;
  let t: TestApp;

  beforeAll(async () => {
    const url = await createDatabase(replicaName, process.env.WUTONG_TEST_TEMPLATE);
    replica = new Client({ connectionString: url });
    await replica.connect();
    t = await startTestApp({ DATABASE_REPLICA_URLS: url });
  });
  afterAll(async () => {
    await t?.close();
    await replica?.end();
    await dropDatabase(replicaName);
  });

  it('keeps writes, and reads of what was just written, on the primary, and reads the dashboard from the replica', async () => {
    const c = await setUpCarrier(t);
    const event = await publishedEvent(t, c, { capacity: 10, sessions: doorSessions() });
    const founder = await signup(t);
    // Write, then read it back at once: both on the primary.
    const reg = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(201);
    const mine = await t.http.get('/api/me/registrations').set(founder.auth).expect(200);
    expect(JSON.stringify(mine.body)).toContain(reg.body.id);
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.body.ticketCode })
      .expect(201);

    // The year in the carrier's zone (Asia/Shanghai, UTC+8), where the dashboard counts it.
    const year = new Date(Date.parse(event.sessions[0].startsAt) + 8 * 3600_000).getUTCFullYear();
    const visits = async () => {
      const res = await t.http
        .get('/api/dashboard')
        .query({ year, organizationId: c.organizationId })
        .set(c.organizer.auth)
        .expect(200);
      return res.body.metrics.find((m: { metric: string }) => m.metric === 'participant_visits')
        .actual as number;
    };
    // The primary counted the check-in; the replica (not fed here) did not see it.
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE organization_id = $1`, [
      c.organizationId,
    ])) as { n: number }[];
    expect(n).toBe(1);
    expect(await visits()).toBe(0);
    // What the replica holds is what the dashboard shows.
    await replica.query(
      `INSERT INTO dashboard_counts (year, scope, metric, month, event_type, n) VALUES ($1, $2, 'participant_visits', 3, '', 42)`,
      [year, c.organizationId],
    );
    expect(await visits()).toBe(42);
  });
});
