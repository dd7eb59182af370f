/**
 * Registration rush on one hot event (issue #7, points 1 and 7) and spread over many events. On a
 * fresh database: founders with open sessions who have opened the app (its first call, GET /api/me, on
 * the API process: their sessions are in its memory, as for a founder who registers from the event's
 * page), then for each connection count a fresh published event with ample capacity and SECONDS of
 * registrations, each by a different founder, against
 *   (a) the built API (child process, pool of DATABASE_POOL_SIZE, default 10),
 *   (b) the thin reference (bench/reference/thin-server.mjs: Fastify + pg, pool of 10, same SQL),
 *   (c) the minimal reference (bench/reference/minimal-server.mjs: Fastify + pg, pool of 10, one
 *       prepared statement taking the seat and inserting the registration; no sign-in, no mail),
 *   (d) pgbench -M prepared running the API's REGISTER_WITH_SEAT_SQL on the same database.
 * Then the same rush spread over SPREAD_EVENTS fresh events (request i → event i mod SPREAD_EVENTS) at
 * SPREAD_CONNECTIONS, for the API (and BEFORE_DIST's API, another build, when set), the thin and the
 * minimal reference, and once more for the API with NEW_FOUNDERS founders it has never seen (a session
 * read and a JWT check per request). After every run: seats taken == confirmed rows. Also API RSS idle and at the peak of the rush, SQL
 * round trips per request (counted on the wire), and the rush through a round-robin proxy over one
 * and over two API processes.
 *
 *   node bench/registration/run.mjs        # after the build; CONNECTIONS=8,32,64,128 RUN_SECONDS=8 FOUNDERS=32000 NEW_FOUNDERS=16000 QUICK=1
 *                                          # SPREAD_EVENTS=100 SPREAD_CONNECTIONS=64 SPREAD_ROUNDS=3 HOT_ROUNDS=3 BEFORE_DIST=../main/dist/apps/api
 *
 * Tables on stdout, progress on stderr. The database wutong_bench_reg_* is created and dropped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPgCounter } from '../reference/pg-counter.mjs';
import {
  API_DIST,
  ROOT,
  SERVER,
  benchDbName,
  createDb,
  dbUrl,
  dropDb,
  fmt,
  FOUNDER_ID_SQL,
  insertRushEvents,
  load,
  log,
  newSecret,
  openApp as openAppOn,
  pct,
  runPgbench,
  seedFounders,
  startApi,
  startMinimal,
  startThin,
  table,
} from '../reference/support.mjs';

const require = createRequire(import.meta.url);
require(path.join(ROOT, 'test/web/swc-register.cjs'));
const { startRoundRobinProxy } = require(path.join(ROOT, 'test/support/round-robin-proxy.ts'));
require('reflect-metadata');
const { REGISTER_WITH_SEAT_SQL } = require(path.join(API_DIST, 'registrations/registrations.queries.js'));

const QUICK = process.env.QUICK === '1';
const CONNECTIONS = (process.env.CONNECTIONS ?? '8,32,64,128').split(',').map(Number);
/** Seconds per run: runs are timed, not counted, so a slow disk cannot stretch `npm run bench`. */
const SECONDS = Number(process.env.RUN_SECONDS ?? (QUICK ? 4 : 8));
/** Enough for every request of a run to be a new founder at ~4,000 req/s (beyond: repeats, answered 200). */
const FOUNDERS = Number(process.env.FOUNDERS ?? (QUICK ? 16000 : 32000));
/** Founders the API process has never seen, per round of the spread run's second API row. */
const NEW_FOUNDERS = Number(process.env.NEW_FOUNDERS ?? (QUICK ? 8000 : 16000));
/** Rounds of the spread runs, each system once per round; ratios are per round, then their median. */
const SPREAD_ROUNDS = Number(process.env.SPREAD_ROUNDS ?? (QUICK ? 1 : 3));
/** Rounds of the hot-event runs at the goal's 64 connections (the other counts run once), as above. */
const HOT_ROUNDS = Number(process.env.HOT_ROUNDS ?? (QUICK ? 1 : 3));
/** `name`'s req/s over `reference`'s within each round, and their median: "**68 %** (83 %, 59 %, 68 %)". */
const ratioAcross = (rounds, name, reference) => {
  const each = rounds.map((r) => r[name].rps / r[reference].rps);
  const text = each.map((x) => `${Math.round(100 * x)} %`).join(', ');
  return each.length > 1 ? `**${pct(median(each), 1)}** (${text})` : `**${text}**`;
};
/** A run's answers by status: "5975×201 25×409", and transport errors if any. */
const answersCell = (r) =>
  Object.entries(r.statuses)
    .map(([s, n]) => `${n}×${s}`)
    .join(' ') + (r.errors ? ` ${r.errors} errors` : '');
/** Seats taken against confirmed registrations after a run: they must be equal. */
const seatsCell = (seats) =>
  `${seats.seats_taken} = ${seats.confirmed} ${seats.seats_taken === seats.confirmed ? '✓' : '✗ MISMATCH'}`;
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const DB = benchDbName('reg');
const SPREAD_EVENTS = Number(process.env.SPREAD_EVENTS ?? 100);
const SPREAD_CONNECTIONS = (process.env.SPREAD_CONNECTIONS ?? '64').split(',').map(Number);
const BEFORE_DIST = process.env.BEFORE_DIST ? path.resolve(process.env.BEFORE_DIST) : null;

async function main() {
  const secret = newSecret();
  await createDb(DB);
  const cleanup = [];
  try {
    log(
      `registration: database ${DB}, ${SECONDS} s per run, ${FOUNDERS} founders, connections ${CONNECTIONS.join('/')}`,
    );
    const api = await startApi({ db: DB, secret });
    cleanup.push(() => api.stop());
    const db = new pg.Client({ connectionString: dbUrl(DB) });
    await db.connect();
    cleanup.push(() => db.end());

    const [{ id: org }] = (
      await db.query(
        `INSERT INTO organizations (name, time_zone) VALUES ('压测孵化器', 'Asia/Shanghai') RETURNING id`,
      )
    ).rows;
    let eventNo = 0;
    /** A fresh hot event: published, registration open, seats for everyone. */
    const newEvent = async (label) => (await insertRushEvents(db, org, `压测路演 ${++eventNo}: ${label}`))[0];
    /** Seats taken and confirmed registrations summed over events. */
    const checkAll = async (eventIds) => {
      const { rows } = await db.query(
        `SELECT sum(e.seats_taken)::int AS seats_taken,
                (SELECT count(*)::int FROM registrations r WHERE r.event_id = ANY($1) AND r.status = 'confirmed') AS confirmed
           FROM events e WHERE e.id = ANY($1)`,
        [eventIds],
      );
      return rows[0];
    };
    const check = async (eventId) => {
      const { rows } = await db.query(
        `SELECT e.seats_taken,
                (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed
           FROM events e WHERE e.id = $1`,
        [eventId],
      );
      return rows[0];
    };

    log('registration: seeding founders');
    const allTokens = await seedFounders(db, secret, FOUNDERS + NEW_FOUNDERS * SPREAD_ROUNDS);
    const tokens = allTokens.slice(0, FOUNDERS);
    const newTokens = allTokens.slice(FOUNDERS);
    await db.query('VACUUM ANALYZE');
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdle = api.rssMiB();

    /** `eventId`: one event, or an array (request i goes to event i mod its length). */
    const rush = (server, eventId, connections, amount, first = 0, founders = tokens) =>
      load({
        port: server.port,
        connections,
        amount: amount ?? undefined,
        duration: SECONDS,
        request: (i) => ({
          method: 'POST',
          path: `/api/events/${Array.isArray(eventId) ? eventId[i % eventId.length] : eventId}/registrations`,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${founders[(first + i) % founders.length]}`,
          },
          body: '{"answers":{}}',
        }),
      });

    // Warm-up (JIT, pools) on an event of its own; its mail is the sample the references queue.
    log('registration: warming up the API');
    await rush(api, await newEvent('warm-up API'), 32, null);
    /** Every founder opens the app once on `server` (support.mjs). */
    const openApp = (server) => openAppOn(server, tokens, 'registration');
    await openApp(api);
    const [sample] = (
      await db.query(
        `SELECT subject, text_body AS text, html_body AS html, attachments::text AS attachments FROM outbox_messages LIMIT 1`,
      )
    ).rows;
    if (!sample) throw new Error('the API queued no confirmation mail during the warm-up');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'wutong-bench-reg-'));
    cleanup.push(() => rmSync(tmp, { recursive: true, force: true }));
    writeFileSync(path.join(tmp, 'mail.json'), JSON.stringify(sample));
    await db.query(
      `CREATE TABLE bench_mail AS SELECT $1::text AS subject, $2::text AS text_body, $3::text AS html_body, $4::text AS attachments`,
      [sample.subject, sample.text, sample.html, sample.attachments],
    );
    const thin = await startThin({ db: DB, secret, env: { THIN_MAIL: path.join(tmp, 'mail.json') } });
    cleanup.push(() => thin.stop());
    log('registration: warming up the thin reference');
    await rush(thin, await newEvent('warm-up thin'), 32, null);
    const minimal = await startMinimal({ db: DB });
    cleanup.push(() => minimal.stop());
    log('registration: warming up the minimal reference');
    await rush(minimal, await newEvent('warm-up minimal'), 32, null);

    const { rows: mc } = await db.query(
      `SELECT setting::int - (SELECT count(*)::int FROM pg_stat_activity) AS free FROM pg_settings WHERE name = 'max_connections'`,
    );
    const freeConnections = mc[0].free;

    const rows = [];
    const ratios = [];
    let rssPeak = rssIdle;
    const hotSystems = [
      ['API', api],
      ['thin reference', thin],
      ['minimal reference', minimal],
    ];
    const hotRounds = new Map();
    for (const c of CONNECTIONS) {
      const roundsHere = c === 64 ? HOT_ROUNDS : 1;
      const rounds = [];
      for (let round = 0; round < roundsHere; round++) {
        const results = {};
        // Each round starts with another system, so a slow spell of the machine does not favour one.
        for (const [name, server] of hotSystems.map((_, k) => hotSystems[(k + round) % hotSystems.length])) {
          const eventId = await newEvent(`${name} ${c} ${round}`);
          log(`registration: ${name}, ${c} connections${roundsHere > 1 ? `, round ${round + 1}` : ''}`);
          const sampler =
            server === api ? setInterval(() => (rssPeak = Math.max(rssPeak, api.rssMiB())), 100) : null;
          const r = await rush(server, eventId, c, null);
          if (sampler) clearInterval(sampler);
          const seats = await check(eventId);
          results[name] = r;
          rows.push({
            system: name,
            connections: roundsHere > 1 ? `${c}, round ${round + 1}` : c,
            'req/s': fmt(r.rps),
            'p50 ms': fmt(r.p50, 1),
            'p99 ms': fmt(r.p99, 1),
            answers: answersCell(r),
            'seats taken = confirmed': seatsCell(seats),
          });
        }
        rounds.push(results);
      }
      hotRounds.set(c, rounds);
      if (c + 5 > freeConnections) {
        rows.push({
          system: 'pgbench -M prepared',
          connections: c,
          'req/s': '—',
          'p50 ms': '—',
          'p99 ms': '—',
          answers: `not run: ${c} clients > ${freeConnections} free connections (max_connections)`,
          'seats taken = confirmed': '',
        });
      } else {
        const eventId = await newEvent(`pgbench ${c}`);
        log(`registration: pgbench, ${c} clients`);
        const r = pgbench(eventId, org, c);
        const seats = await check(eventId);
        rows.push({
          system: 'pgbench -M prepared',
          connections: c,
          'req/s': fmt(r.tps),
          'p50 ms': fmt(r.p50, 1),
          'p99 ms': fmt(r.p99, 1),
          answers: `${r.transactions} transactions${r.failed ? `, ${r.failed} failed` : ''}`,
          'seats taken = confirmed': seatsCell(seats),
        });
      }
      ratios.push({
        connections: c,
        'API / thin (req/s)': ratioAcross(rounds, 'API', 'thin reference').replace(/\*\*/g, ''),
        'API / minimal (req/s)': ratioAcross(rounds, 'API', 'minimal reference').replace(/\*\*/g, ''),
        'API p99 ms': fmt(median(rounds.map((r) => r.API.p99)), 1),
        'minimal p99 ms': fmt(median(rounds.map((r) => r['minimal reference'].p99)), 1),
        goal: c === 64 ? '≥ 70 % of each, p99 ≤ 100 ms' : '',
      });
    }

    // The same rush spread over SPREAD_EVENTS events: no single row lock bounds it, the stack does.
    const spreadRows = [];
    const spreadRatios = [];
    let before = null;
    if (BEFORE_DIST) {
      before = await startApi({ db: DB, secret, dist: BEFORE_DIST });
      cleanup.push(() => before.stop());
      log('registration: warming up the API before (BEFORE_DIST)');
      await rush(before, await newEvent('warm-up API before'), 32, null);
      await openApp(before);
    }
    // What the hot runs left behind (dead tuples, dirty pages) is cleaned before, not during, the first round.
    log('registration: VACUUM ANALYZE and CHECKPOINT before the spread runs');
    await db.query('VACUUM ANALYZE');
    await db.query('CHECKPOINT');
    for (const c of SPREAD_CONNECTIONS) {
      const systems = [
        ['API', api],
        ['API, founders new to it', api],
        ...(before ? [['API before (BEFORE_DIST)', before]] : []),
        ['thin reference', thin],
        ['minimal reference', minimal],
      ];
      const rounds = [];
      for (let round = 0; round < SPREAD_ROUNDS; round++) {
        const results = {};
        // Each round starts with another system, so a slow spell of the machine does not favour one.
        const order = systems.map((_, k) => systems[(k + round) % systems.length]);
        for (const [name, server] of order) {
          const eventIds = await insertRushEvents(
            db,
            org,
            `压测路演 ${name} ${c} spread ${round}`,
            SPREAD_EVENTS,
          );
          log(`registration: ${name}, ${c} connections over ${SPREAD_EVENTS} events, round ${round + 1}`);
          // Founders new to the process: a slice of their own per round.
          const founders =
            name === 'API, founders new to it'
              ? newTokens.slice(round * NEW_FOUNDERS, (round + 1) * NEW_FOUNDERS)
              : tokens;
          const cpu0 = server.cpuMs();
          const r = await rush(server, eventIds, c, null, 0, founders);
          const cpu = (server.cpuMs() - cpu0) / r.completed;
          const seats = await checkAll(eventIds);
          results[name] = r;
          spreadRows.push({
            system: name,
            connections: c,
            round: round + 1,
            'req/s': fmt(r.rps),
            'p50 ms': fmt(r.p50, 1),
            'p99 ms': fmt(r.p99, 1),
            'server CPU ms/req': fmt(cpu, 2),
            answers: answersCell(r),
            'seats taken = confirmed': seatsCell(seats),
          });
        }
        rounds.push(results);
      }
      const ratioOf = (name) => ratioAcross(rounds, name, 'minimal reference');
      spreadRatios.push({
        connections: c,
        'API / minimal (req/s)': ratioOf('API'),
        'API (founders new to it) / minimal': ratioOf('API, founders new to it'),
        'API / thin (req/s)': pct(median(rounds.map((r) => r.API.rps / r['thin reference'].rps)), 1),
        ...(before && { 'before / minimal (req/s)': ratioOf('API before (BEFORE_DIST)') }),
        'API p99 ms': fmt(median(rounds.map((r) => r.API.p99)), 1),
        'minimal p99 ms': fmt(median(rounds.map((r) => r['minimal reference'].p99)), 1),
        goal: c === 64 ? 'API ≥ 70 % of minimal' : '',
      });
    }
    if (before) await before.stop();

    // Two API processes behind a round-robin proxy against one process behind the same proxy.
    log('registration: two processes behind the round-robin proxy');
    const api2 = await startApi({ db: DB, secret });
    cleanup.push(() => api2.stop());
    await rush(api2, await newEvent('warm-up API 2'), 32, null);
    const scale = [];
    for (const ports of [[api.port], [api.port, api2.port]]) {
      const proxy = await startRoundRobinProxy(ports);
      const eventId = await newEvent(`proxy ${ports.length}`);
      const r = await rush(proxy, eventId, 64, null);
      await proxy.close();
      const seats = await check(eventId);
      scale.push({
        setup: `${ports.length} API process${ports.length > 1 ? 'es' : ''} behind the proxy`,
        connections: 64,
        'req/s': fmt(r.rps),
        'p50 ms': fmt(r.p50, 1),
        'p99 ms': fmt(r.p99, 1),
        'seats taken = confirmed': seatsCell(seats),
      });
      scale[scale.length - 1].rps = r.rps;
    }
    await api2.stop();
    const scaleRatio = pct(scale[1].rps, scale[0].rps);
    for (const s of scale) delete s.rps;

    // Round trips per request, counted on the wire by a third API process connected through a counter.
    log('registration: counting SQL round trips per request');
    const counter = await startPgCounter(SERVER);
    cleanup.push(() => counter.close());
    const api3 = await startApi({ db: DB, secret, env: { DATABASE_URL: counter.urlThrough(dbUrl(DB)) } });
    cleanup.push(() => api3.stop());
    const profileEvent = await newEvent('profile');
    const PROFILED = 200;
    const xact = async () =>
      (
        await db.query(
          `SELECT xact_commit::int + xact_rollback::int AS n FROM pg_stat_database WHERE datname = $1`,
          [DB],
        )
      ).rows[0].n;
    // The same founders register on another event first: their sessions are then in this process's
    // memory, as they are for a founder who opened the event's page before registering.
    await rush(api3, await newEvent('warm-up profile'), 1, PROFILED, FOUNDERS - 250);
    // A backend flushes its counters to pg_stat_database at most once a second while it works and
    // within 10 s once idle, for certain when it exits: let the warm-up's arrive before the first read.
    await new Promise((r) => setTimeout(r, 10_500));
    counter.reset();
    await db.query('SELECT pg_stat_clear_snapshot()');
    const x0 = await xact();
    const profiled = await rush(api3, profileEvent, 1, PROFILED, FOUNDERS - 250);
    const snap = counter.snapshot();
    // Its connections end with it, and their counters with them.
    await api3.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await db.query('SELECT pg_stat_clear_snapshot()');
    const x1 = await xact();
    const statements = snap.statements
      .sort((a, b) => b[1] - a[1])
      .map(([sql, n]) => ({
        'per request': fmt(n / PROFILED, 2),
        statement: '`' + sql.replace(/\|/g, '\\|') + '`',
      }));

    const at64 = ratios.find((r) => r.connections === 64);
    const hot64 = hotRounds.get(64);
    const medianRps = (name) => fmt(median(hot64.map((r) => r[name].rps)));
    const oversold = [...rows, ...spreadRows].some((r) => r['seats taken = confirmed'].includes('✗'));
    // Output: markdown on stdout.
    const out = [];
    out.push(
      `${SECONDS} s per run, each request by a different founder (${FOUNDERS} with open sessions who opened the app ` +
        `first, GET /api/me on the API process, as the web app does when it loads), on a fresh hot ` +
        `event (capacity 1,000,000) per run; API and references driven by autocannon, pgbench -T ${SECONDS}. ` +
        `At 64 connections ${HOT_ROUNDS} round(s), each starting with another system; a ratio there is the ` +
        `median of the rounds' ratios (each round's in brackets).\n\n`,
    );
    out.push(table(rows));
    out.push('\n' + table(ratios));
    out.push(
      `\nSpread over ${SPREAD_EVENTS} events (request i → event i mod ${SPREAD_EVENTS}), ${SECONDS} s per run, ` +
        `each request by a different founder; "founders new to it": ${NEW_FOUNDERS} founders per round the API ` +
        `process has never seen (each request checks the JWT and reads the session). ${SPREAD_ROUNDS} round(s), ` +
        `each system once per round, each round starting with another; a ratio compares req/s within a round, ` +
        `then takes the median of the rounds:\n\n` +
        table(spreadRows) +
        '\n' +
        table(spreadRatios),
    );
    out.push(
      '\nRegistration rush through two processes (round-robin proxy, same database and JWT secret):\n\n' +
        table(scale),
    );
    out.push(`\nTwo processes / one process: ${scaleRatio}.\n`);
    out.push(
      `\nAPI memory: RSS idle ${rssIdle} MiB, at the peak of the rush ${rssPeak} MiB (sampled every 100 ms).\n`,
    );
    out.push(
      `\nSQL per registration (${PROFILED} sequential requests, ${profiled.statuses[201] ?? 0} created): ` +
        `${fmt(snap.roundTrips / PROFILED, 2)} round trips, ${fmt((x1 - x0) / PROFILED, 2)} transactions (pg_stat_database ` +
        `xact_commit + xact_rollback, the listener's \`SELECT 1\` included), each founder's session already in the process's memory (they registered for ` +
        `another event just before). \`SELECT 1\` runs on the session listener's own connection, not the pool: its ` +
        `heartbeat and the catch-up before a cached session is used (one per request when they come one at a ` +
        `time, shared by the requests in flight under load). ` +
        `Statements seen on the wire:\n\n` +
        table(statements),
    );
    if (at64)
      out.push(
        `\nGoal — registration rush, hot event, 64 connections${hot64.length > 1 ? ` (median of ${hot64.length} rounds)` : ''}: ` +
          `API ${medianRps('API')} req/s, ${ratioAcross(hot64, 'API', 'thin reference')} ` +
          `of the thin reference's ${medianRps('thin reference')} (goal ≥ 70 %); API p99 ${at64['API p99 ms']} ms (goal ≤ 100 ms); ` +
          `${oversold ? '**seats taken ≠ confirmed in some run**' : 'seats taken = confirmed after every run, never oversold'}.\n`,
      );
    const s64 = spreadRatios.find((r) => r.connections === 64);
    if (s64 && at64)
      out.push(
        `Goal — registration vs the minimal reference, 64 connections: spread over ${SPREAD_EVENTS} events ` +
          `${s64['API / minimal (req/s)']}, one hot event ${ratioAcross(hot64, 'API', 'minimal reference')} (goal ≥ 70 %); ` +
          `spread, founders new to the process: ${s64['API (founders new to it) / minimal'].replace(/\*\*/g, '')}.\n`,
      );
    out.push(`Goal — memory: API RSS ${rssIdle} MiB idle, ${rssPeak} MiB at the peak of the rush.\n`);
    process.stdout.write(out.join(''));
  } finally {
    for (const step of cleanup.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => {});
    await dropDb(DB);
  }
}

/** pgbench on the same database and SQL. */
function pgbench(eventId, org, clients) {
  // Client k registers founders k·share+1, k·share+2, … (never one twice unless it wraps around).
  const share = Math.floor(FOUNDERS / clients);
  const values = {
    1: ':event',
    2: ':org',
    3: FOUNDER_ID_SQL(':uid'),
    4: 'md5(random()::text)',
    5: `'{}'`,
    6: `'{"event":"bench","when":"12月8日 14:00","position":"0"}'`,
    7: '(SELECT context_version FROM events WHERE id = :event)',
  };
  const sql = REGISTER_WITH_SEAT_SQL.replace(/\$(\d+)/g, (_, n) => values[n]);
  return runPgbench({
    db: DB,
    clients,
    seconds: SECONDS,
    defines: { i: 0, event: eventId, org },
    script: `\\set i :i + 1\n\\set uid 1 + (:client_id * ${share} + :i % ${share}) % ${FOUNDERS}\n${sql};\n`,
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
