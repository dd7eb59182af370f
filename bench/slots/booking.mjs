/**
 * Booking office hours under load (issue #7, point 4): 64 connections booking 1,000 different slots
 * of one mentor through the built API (each request a different founder), against pgbench running a
 * conditional update of a slot row (`UPDATE … SET booked_by = … WHERE id = … AND booked_by IS NULL`,
 * the reference figure of the issue) on the same database, and each API round's share of it. Beside
 * them the minimal reference (bench/reference/minimal-booking-server.mjs: Fastify + pg, pool of 10, one
 * prepared INSERT of the booking, nothing else), booking another mentor's 1,000 slots the same way:
 * the ceiling of any HTTP stack on this machine. CPU per booking of the API (or the reference) and of
 * PostgreSQL: every postgres process, and the bench database's own backends only (the machine may be
 * shared; other databases' work lands in the first). Afterwards: exactly one active booking per slot,
 * none overlapping. Before the rounds the API books WARM_UP slots of another mentor (its warm-up, as
 * the reference gets one) and the rounds' founders open the app (GET /api/me), as from a mentor's page.
 *
 *   node bench/slots/booking.mjs      # after the build; CONNECTIONS=64 SLOTS=1000 ROUNDS=2 WARM_UP=500 QUICK=1
 *
 * Tables on stdout, progress on stderr. The database wutong_bench_book_* is created and dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import {
  benchDbName,
  createDb,
  dbUrl,
  dropDb,
  fmt,
  get,
  load,
  log,
  machineCpuMs,
  newSecret,
  openApp,
  pct,
  runPgbench,
  seedFounders,
  signJwt,
  startApi,
  startMinimal,
  table,
} from '../reference/support.mjs';
import { startPgCounter } from '../reference/pg-counter.mjs';

const QUICK = process.env.QUICK === '1';
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const SLOTS = Number(process.env.SLOTS ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? (QUICK ? 1 : 2));
const PGBENCH_SECONDS = Number(process.env.PGBENCH_SECONDS ?? (QUICK ? 4 : 8));
const DB = benchDbName('book');
/** Bookings of another mentor before the rounds, not reported: the API's warm-up. */
const WARM_UP = Number(process.env.WARM_UP ?? (QUICK ? 200 : 500));
/** Bookings made one at a time through the round-trip counter (PROFILED=0: skipped). */
const PROFILED = Number(process.env.PROFILED ?? (QUICK ? 50 : 200));
const HOUR = 3600_000;

/** CPU time (ms) used so far by each process of `name` (Linux /proc): pid → ms. */
function cpuByPid(name) {
  const cpu = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the process ended meanwhile
    }
  }
  return cpu;
}

/**
 * PostgreSQL's CPU since `before` (cpuByPid('postgres')), per process that is still there: `all`, and
 * `own`, the backends of the bench database (`pids`, read from pg_stat_activity during the round, so
 * connections opened meanwhile count from zero). A process that ended meanwhile is lost to the count.
 */
function postgresCpuSince(before, pids) {
  let all = 0;
  let own = 0;
  for (const [pid, ms] of cpuByPid('postgres')) {
    const used = ms - (before.get(pid) ?? 0);
    all += used;
    if (pids.has(pid)) own += used;
  }
  return { all, own };
}

async function backendPids(client) {
  const { rows } = await client.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.pid);
}

/** The first whole hour at least two hours ahead: every slot from there on is bookable. */
const firstHour = () => Math.ceil((Date.now() + 2 * HOUR) / HOUR) * HOUR;

/** `count` bookings of `mentor`'s hourly slots from `first` on through `port`, the i-th by `tokens[i]`. */
function bookHourly({
  port,
  mentor,
  tokens,
  count,
  connections,
  first = firstHour(),
  topic = '融资路演前的准备',
}) {
  return load({
    port,
    connections,
    amount: count,
    request: (i) => ({
      method: 'POST',
      path: `/api/mentors/${mentor}/bookings`,
      headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: new Date(first + i * HOUR).toISOString(), topic }),
    }),
  });
}

/**
 * One round: `server` books `SLOTS` hourly slots of `mentor` at CONNECTIONS connections, each request
 * another founder (`tokens`); its CPU and PostgreSQL's per booking, how busy the machine was, and the
 * check that no two confirmed bookings of the mentor overlap.
 */
async function bookRound(client, server, mentor, tokens, label) {
  log(`booking: ${label}, ${SLOTS} slots at ${CONNECTIONS} connections`);
  const cpu0 = server.cpuMs();
  const pg0 = cpuByPid('postgres');
  const pids = new Set(await backendPids(client));
  // The bench database's backends, looked at once more halfway (a pool may open connections late).
  const watch = setTimeout(async () => {
    for (const pid of await backendPids(client).catch(() => [])) pids.add(pid);
  }, 1000);
  const machine0 = machineCpuMs();
  const r = await bookHourly({ port: server.port, mentor, tokens, count: SLOTS, connections: CONNECTIONS });
  const cpu = (server.cpuMs() - cpu0) / r.completed;
  clearTimeout(watch);
  for (const pid of await backendPids(client)) pids.add(pid);
  const used = postgresCpuSince(pg0, pids);
  const pgCpu = used.all / r.completed;
  const ownCpu = used.own / r.completed;
  const machine1 = machineCpuMs();
  const busy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
  const [{ n, bad }] = (
    await client.query(
      `SELECT count(*)::int AS n,
              (SELECT count(*)::int FROM bookings a JOIN bookings b ON a.mentor_id = b.mentor_id AND a.id < b.id
                AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                WHERE a.mentor_id = $1 AND a.status = 'confirmed' AND b.status = 'confirmed') AS bad
         FROM bookings WHERE mentor_id = $1 AND status = 'confirmed'`,
      [mentor],
    )
  ).rows;
  return {
    n,
    bad,
    row: {
      system: label,
      connections: CONNECTIONS,
      'req/s': fmt(r.rps),
      rps: r.rps,
      'p50 ms': fmt(r.p50, 1),
      'p99 ms': fmt(r.p99, 1),
      'server CPU ms/booking': fmt(cpu, 2),
      'PostgreSQL CPU ms/booking (all / own backends)': `${fmt(pgCpu, 2)} / ${fmt(ownCpu, 2)}`,
      'machine busy': `${Math.round(busy * 100)} %`,
      answers: Object.entries(r.statuses)
        .map(([s, c]) => `${c}×${s}`)
        .join(' '),
      'bookings made': `${n} of ${SLOTS} slots`,
    },
  };
}

/** A mentor open every hour of every day (UTC), bookable at once, made through the API. */
async function makeMentor(client, port, secret, n) {
  const id = `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
  await client.query(
    `INSERT INTO users (id, email, password_hash, display_name, roles)
     VALUES ($1, 'mentor-' || $2 || '@bench.example.com', 'not-a-hash', '压测导师 ' || $2, '{mentor}')`,
    [id, n],
  );
  const [{ id: sid }] = (
    await client.query(
      `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [id],
    )
  ).rows;
  const token = signJwt(secret, { sub: id, sid });
  const send = async (method, urlPath, body) => {
    const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  };
  await send('PUT', '/api/me/mentor-profile', {
    category: 'investor',
    affiliation: '湘江创投',
    expertise: ['financing'],
    published: true,
  });
  await send('PUT', '/api/me/availability', {
    timeZone: 'UTC',
    rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '00:00',
      end: '24:00',
      slotMinutes: 60,
    })),
    overrides: [],
    minNoticeHours: 0,
    holidaysOff: false,
    maxFuturePerFounder: 50,
    horizonWeeks: 8,
  });
  return id;
}

/**
 * Round trips per booking, counted on the wire: a second API process connected through
 * bench/reference/pg-counter.mjs books PROFILED slots of a fresh mentor one at a time (after a
 * warm-up on another mentor, by founders who have opened the app on it: their sessions are in its
 * memory), with its CPU time per booking.
 */
async function countRoundTrips(client, secret, own) {
  log(`booking: counting SQL round trips over ${PROFILED} bookings`);
  const counter = await startPgCounter(dbUrl(DB));
  const api = await startApi({ db: DB, secret, env: { DATABASE_URL: counter.urlThrough(dbUrl(DB)) } });
  try {
    const first = firstHour();
    const run = async (mentor, offset) => {
      const r = await bookHourly({
        port: api.port,
        mentor,
        tokens: own.slice(offset),
        count: PROFILED,
        connections: 1,
        first,
      });
      if (r.statuses[201] !== PROFILED) throw new Error(`profiled bookings: ${JSON.stringify(r.statuses)}`);
    };
    await run(await makeMentor(client, api.port, secret, 900), 0);
    const mentor = await makeMentor(client, api.port, secret, 901);
    await openApp(api, own.slice(PROFILED, 2 * PROFILED), 'booking');
    counter.reset();
    const cpu0 = api.cpuMs();
    const pg0 = cpuByPid('postgres');
    const pids = new Set(await backendPids(client));
    await run(mentor, PROFILED);
    const cpu = (api.cpuMs() - cpu0) / PROFILED;
    for (const pid of await backendPids(client)) pids.add(pid);
    const pgCpu = postgresCpuSince(pg0, pids).own / PROFILED;
    const snap = counter.snapshot();
    return {
      perBooking: snap.roundTrips / PROFILED,
      cpu,
      pgCpu,
      statements: snap.statements
        .sort((a, b) => b[1] - a[1])
        .map(([sql, k]) => ({
          'per booking': fmt(k / PROFILED, 2),
          statement: '`' + sql.replace(/\|/g, '\\|') + '`',
        })),
    };
  } finally {
    await api.stop();
    await counter.close();
  }
}

async function main() {
  const secret = newSecret();
  await createDb(DB);
  const client = new pg.Client({ connectionString: dbUrl(DB) });
  await client.connect();
  let api;
  try {
    api = await startApi({ db: DB, secret });
    log(`booking: seeding ${SLOTS * (ROUNDS + 1) + 2 * PROFILED + WARM_UP} founders`);
    const tokens = await seedFounders(client, secret, SLOTS * (ROUNDS + 1) + 2 * PROFILED + WARM_UP);
    // A warm-up (JIT, pools, prepared statements), as the minimal reference gets below: another
    // mentor's slots, booked by founders of its own.
    const warmMentor = await makeMentor(client, api.port, secret, 700);
    log(`booking: warming up the API (${WARM_UP} bookings)`);
    const warm = await bookHourly({
      port: api.port,
      mentor: warmMentor,
      tokens: tokens.slice(-WARM_UP),
      count: WARM_UP,
      connections: CONNECTIONS,
      topic: 'warm-up',
    });
    if (warm.statuses[201] !== WARM_UP)
      throw new Error(`warm-up bookings answered ${JSON.stringify(warm.statuses)}`);
    await openApp(api, tokens.slice(0, SLOTS * ROUNDS), 'booking');
    const rows = [];
    let booked = 0;
    let overlaps = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const mentor = await makeMentor(client, api.port, secret, round + 1);
      const first = firstHour();
      await get(
        api.port,
        `/api/mentors/${mentor}/slots?from=${new Date(first).toISOString()}&to=${new Date(first + 24 * HOUR).toISOString()}`,
      );
      const r = await bookRound(
        client,
        api,
        mentor,
        tokens.slice(round * SLOTS),
        'API, POST /api/mentors/:id/bookings',
      );
      booked += r.n;
      overlaps += r.bad;
      rows.push(r.row);
    }
    const minimal = await startMinimal({ db: DB, script: 'minimal-booking-server.mjs' });
    try {
      const warmMentor = await makeMentor(client, api.port, secret, 801);
      // A warm-up opens the reference's pool and plans its statement (another mentor's slots).
      await bookHourly({
        port: minimal.port,
        mentor: warmMentor,
        tokens,
        count: CONNECTIONS,
        connections: CONNECTIONS,
        topic: 'warm-up',
      });
      const mentor = await makeMentor(client, api.port, secret, 800);
      const r = await bookRound(
        client,
        minimal,
        mentor,
        tokens.slice(ROUNDS * SLOTS + 2 * PROFILED),
        'minimal reference (Fastify + pg, one prepared INSERT)',
      );
      overlaps += r.bad;
      rows.push(r.row);
    } finally {
      await minimal.stop();
    }
    const trips = PROFILED > 0 ? await countRoundTrips(client, secret, tokens.slice(SLOTS * ROUNDS)) : null;
    log(`booking: pgbench conditional update, ${CONNECTIONS} clients`);
    await client.query(`CREATE TABLE bench_slots (id int PRIMARY KEY, booked_by int)`);
    await client.query(`INSERT INTO bench_slots (id) SELECT generate_series(1, 2000000)`);
    await client.query(`VACUUM ANALYZE bench_slots`);
    const p = runPgbench({
      db: DB,
      clients: CONNECTIONS,
      seconds: PGBENCH_SECONDS,
      script: `\\set s random(1, 2000000)\n\\set f random(1, 1000000)\nUPDATE bench_slots SET booked_by = :f WHERE id = :s AND booked_by IS NULL;\n`,
    });
    rows.push({
      system: 'pgbench -M prepared, conditional UPDATE of a slot row',
      connections: CONNECTIONS,
      'req/s': fmt(p.tps),
      'p50 ms': fmt(p.p50, 1),
      'p99 ms': fmt(p.p99, 1),
      'server CPU ms/booking': '',
      'PostgreSQL CPU ms/booking (all / own backends)': '',
      'machine busy': '',
      answers: '',
      'bookings made': '',
    });
    const apiRows = rows.filter((r) => r.system.startsWith('API'));
    const minimalRow = rows.find((r) => r.system.startsWith('minimal'));
    for (const r of rows) r['of pgbench'] = r.rps === undefined ? '100 %' : pct(r.rps, p.tps);
    const best = Math.max(...apiRows.map((r) => r.rps));
    const ceiling = minimalRow.rps;
    for (const r of rows) delete r.rps;
    process.stdout.write(
      `### Booking office hours: ${SLOTS} slots of one mentor per round, ${CONNECTIONS} connections\n\n`,
    );
    process.stdout.write(table(rows));
    process.stdout.write(
      `\nAfter every API round: ${booked} confirmed bookings for ${SLOTS * ROUNDS} slots; ${overlaps} overlapping in all rounds.\n\n`,
    );
    process.stdout.write(
      `Cost per booking: ${apiRows.map((r) => r['server CPU ms/booking']).join(', ')} ms of API CPU (under load, per round)` +
        (trips
          ? `; ${fmt(trips.perBooking, 1)} SQL round trips (the session listener's catch-up, \`SELECT 1\` on its own connection, included), ${fmt(trips.cpu, 2)} ms of API CPU and ${fmt(trips.pgCpu, 2)} ms of its backends' CPU per booking made one at a time (${PROFILED} bookings).\n\n`
          : '.\n\n'),
    );
    if (trips) process.stdout.write(table(trips.statements) + '\n');
    process.stdout.write(
      `Goal — booking at ${CONNECTIONS} connections: API ${fmt(best)} req/s = **${pct(best, p.tps)}** of pgbench's conditional update (${fmt(p.tps)} tps; goal ≥ 50 %); ${overlaps} double bookings. ` +
        `The minimal reference: ${fmt(ceiling)} req/s = ${pct(ceiling, p.tps)} of pgbench (the API: ${pct(best, ceiling)} of it).\n`,
    );
  } finally {
    await api?.stop();
    await client.end();
    await dropDb(DB);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
