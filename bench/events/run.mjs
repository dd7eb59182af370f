/**
 * Event listing (issue #7, point 2): GET /api/events — published, upcoming, a filter, a page of 20 —
 * at 64 connections against the built API and against the thin reference running the same SQL
 * (listQuery() from the built API). A fresh database with EVENTS events over ten years, a year of
 * them still ahead, 10 carriers, venues and 1–3 sessions each.
 *
 *   node bench/events/run.mjs      # after the build; CONNECTIONS=64 RUN_SECONDS=10 EVENTS=3500 QUICK=1 KEEP=1
 *
 * Tables on stdout, progress on stderr. The database wutong_bench_events_* is created and dropped.
 */
import pg from 'pg';
import { startPgCounter } from '../reference/pg-counter.mjs';
import {
  SERVER,
  benchDbName,
  createDb,
  dbUrl,
  dropDb,
  fmt,
  get,
  load,
  log,
  newSecret,
  pct,
  startApi,
  startThin,
  table,
} from '../reference/support.mjs';

const QUICK = process.env.QUICK === '1';
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const SECONDS = Number(process.env.RUN_SECONDS ?? (QUICK ? 5 : 10));
const EVENTS = Number(process.env.EVENTS ?? 3500);
const DB = benchDbName('events');

async function seed(db) {
  await db.query(`
    INSERT INTO organizations (name, kind, time_zone)
    SELECT '孵化器 ' || i, 'incubator', 'Asia/Shanghai' FROM generate_series(1, 10) i;
    INSERT INTO venues (organization_id, name, address, capacity)
    SELECT o.id, o.name || ' 路演厅', '科技园 ' || row_number() OVER () || ' 号', 120 FROM organizations o;`);
  // EVENTS events from ten years ago to a year ahead: past ones completed (a few cancelled), the
  // year ahead published (a few still drafts); about one in three in a venue, the rest online.
  await db.query(
    `WITH o AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organizations),
     v AS (SELECT organization_id, id FROM venues),
     e AS (
       SELECT i, now() - interval '10 years' + (i::float / $1) * interval '11 years' AS starts_at FROM generate_series(1, $1) i)
     INSERT INTO events (organization_id, type, title, description, venue_id, online_url, capacity, seats_taken, status,
                         starts_at, ends_at, published_at, waitlist_enabled)
     SELECT o.id,
            (ARRAY['salon','roadshow','training','coaching','policy_briefing','legal_clinic','hr_workshop','competition','other'])[1 + e.i % 9],
            '创业活动 第 ' || e.i || ' 期：' || (ARRAY['融资路演','政策解读','股权设计','产品增长','法律门诊'])[1 + e.i % 5],
            repeat('活动介绍，面向早期创业团队。', 20),
            CASE WHEN e.i % 3 = 0 THEN v.id END,
            CASE WHEN e.i % 3 <> 0 THEN 'https://meeting.example.com/' || e.i END,
            50 + e.i % 150, (e.i * 7) % 50,
            CASE WHEN e.starts_at < now() THEN CASE WHEN e.i % 40 = 0 THEN 'cancelled' ELSE 'completed' END
                 ELSE CASE WHEN e.i % 25 = 0 THEN 'draft' ELSE 'published' END END,
            e.starts_at, e.starts_at + interval '3 hours', e.starts_at - interval '14 days', e.i % 2 = 0
       FROM e JOIN o ON o.k = 1 + e.i % 10 JOIN v ON v.organization_id = o.id`,
    [EVENTS],
  );
  await db.query(`
    INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at, title)
    SELECT e.id, e.organization_id, e.starts_at + (s - 1) * interval '1 day', e.ends_at + (s - 1) * interval '1 day',
           CASE WHEN s > 1 THEN '第 ' || s || ' 天' END
      FROM events e, generate_series(1, 3) s
     WHERE s <= 1 + (abs(hashtext(e.id::text)) % 3)`);
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'published' AND ends_at >= now())::int AS upcoming,
            (SELECT id FROM organizations ORDER BY id LIMIT 1) AS org FROM events`,
  );
  return rows[0];
}

async function main() {
  const secret = newSecret();
  await createDb(DB);
  const cleanup = [];
  try {
    log(`events: database ${DB}, ${EVENTS} events, ${CONNECTIONS} connections for ${SECONDS} s each`);
    const api = await startApi({ db: DB, secret });
    cleanup.push(() => api.stop());
    const db = new pg.Client({ connectionString: dbUrl(DB) });
    await db.connect();
    cleanup.push(() => db.end());
    const { upcoming, org } = await seed(db);
    const thin = await startThin({ db: DB, secret });
    cleanup.push(() => thin.stop());

    // The public list as the web app asks for it: first page, a type filter, a carrier, page 2.
    const paths = [
      '/api/events',
      '/api/events?type=roadshow',
      `/api/events?organizationId=${org}`,
      '/api/events?page=2',
    ];
    for (const p of paths) {
      const [a, t] = await Promise.all([get(api.port, p), get(thin.port, p)]);
      const [ja, jt] = [JSON.parse(a.body), JSON.parse(t.body)];
      if (a.status !== 200 || ja.items.length === 0)
        throw new Error(`API ${p}: ${a.status} ${a.body.slice(0, 200)}`);
      if (
        JSON.stringify(ja.items.map((i) => i.id)) !== JSON.stringify(jt.items.map((i) => i.id)) ||
        ja.total !== jt.total
      )
        throw new Error(`the thin reference answers ${p} differently from the API`);
    }
    const run = (server, duration) =>
      load({
        port: server.port,
        connections: CONNECTIONS,
        duration,
        request: (i) => ({ method: 'GET', path: paths[i % paths.length] }),
      });

    log('events: warming up');
    await run(api, Math.max(2, SECONDS / 3));
    await run(thin, Math.max(2, SECONDS / 3));
    const results = [];
    // Alternate API and reference twice, so a burst of load elsewhere hits both alike; best of two.
    for (let round = 0; round < 2; round++)
      for (const [name, server] of [
        ['API', api],
        ['thin reference', thin],
      ]) {
        log(`events: ${name}, round ${round + 1}`);
        results.push({ name, ...(await run(server, SECONDS)) });
      }
    const best = (name) => results.filter((r) => r.name === name).sort((a, b) => b.rps - a.rps)[0];
    const a = best('API');
    const t = best('thin reference');

    // Round trips per listing request, counted on the wire.
    const counter = await startPgCounter(SERVER);
    cleanup.push(() => counter.close());
    const api3 = await startApi({ db: DB, secret, env: { DATABASE_URL: counter.urlThrough(dbUrl(DB)) } });
    cleanup.push(() => api3.stop());
    await get(api3.port, paths[0]);
    counter.reset();
    for (let i = 0; i < 100; i++) await get(api3.port, paths[i % paths.length]);
    const trips = counter.snapshot().roundTrips / 100;
    await api3.stop();

    const { rows: plan } = await db.query(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM events e
        WHERE e.status = ANY('{published,completed}') AND e.ends_at >= now()`,
    );
    const row = (r) => ({
      system: r.name,
      connections: CONNECTIONS,
      'req/s': fmt(r.rps),
      'p50 ms': fmt(r.p50, 1),
      'p99 ms': fmt(r.p99, 1),
      answers: Object.entries(r.statuses)
        .map(([s, n]) => `${n}×${s}`)
        .join(' '),
    });
    process.stdout.write(
      `${EVENTS} events over ten years and one ahead, ${upcoming} published and upcoming; requests rotate over ` +
        paths.map((p) => `\`${p.replace(org, ':org')}\``).join(', ') +
        ` (page of 20). ${SECONDS} s per run, two alternating rounds, best round shown.\n\n` +
        table(results.map(row)) +
        `\nSQL round trips per listing request: ${fmt(trips, 2)}. Upcoming-filter scan: ` +
        `${fmt(plan[0]['QUERY PLAN'][0]['Execution Time'], 2)} ms in PostgreSQL.\n\n` +
        `Goal — event listing, 64 connections: API ${fmt(a.rps)} req/s = **${pct(a.rps, t.rps)}** of the thin reference's ` +
        `${fmt(t.rps)} (goal ≥ 60 %); API p99 ${fmt(a.p99, 1)} ms.\n`,
    );
  } finally {
    for (const step of cleanup.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => {});
    if (process.env.KEEP === '1') log(`events: kept the database ${DB}`);
    else await dropDb(DB);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
