#!/usr/bin/env node
// Dashboard latency over ten years of a large base (3,500 events, ~500,000 registrations,
// ~350,000 check-ins, 5,000 mentoring sessions). References in the same run: the six counting
// queries from scratch sent straight through pg (what the dashboard did before the rollup), and the
// rollup read itself through pg, as rows and as the totals the API reads (the floor for the API).
// Needs a build (npx nx run-many -t build).
//   node bench/dashboard/run.mjs   (DATABASE_URL: the server; a database is created and dropped;
//                                   RUNS=40, QUICK=1: 15 runs; KEEP=1 keeps the database, and
//                                   KEEP=1 REUSE=1 times again on it without seeding; WARMUP=10;
//                                   API_MAIN or API_DIST/main.js: the built API, default dist/apps/api/main.js;
//                                   BEFORE_MAIN: another build's main.js, timed too on the same data,
//                                   its requests alternating with this build's)
// Beside p50/p95: the CPU per request of the API process and of its PostgreSQL backends (from /proc,
// 10 ms ticks, so over all runs of a case), which a machine shared with other work disturbs less.
// Markdown tables on stdout, progress on stderr.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort } from '../../scripts/embedded-postgres.mjs';
import { API_NODE_OPTIONS } from '../reference/support.mjs';

const require = createRequire(import.meta.url);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.RUNS ?? (process.env.QUICK === '1' ? 15 : 40));
const API_MAIN =
  process.env.API_MAIN ??
  (process.env.API_DIST ? `${process.env.API_DIST}/main.js` : 'dist/apps/api/main.js');
const name = process.env.KEEP
  ? (process.env.KEEP_NAME ?? 'wutong_bench_dashboard_kept')
  : `wutong_bench_dashboard_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
})();
const log = (line) => process.stderr.write(`[bench dashboard] ${line}\n`);

async function admin(sql) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const WARMUP = Number(process.env.WARMUP ?? 10);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** User + system CPU (ms) a process has used so far; 0 once it is gone. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Times each case's `fn` RUNS times; cases given together alternate request by request, so a machine
 * that gets busier meanwhile slows them alike. `api`: the API whose process and PostgreSQL backends
 * (by application_name) are charged CPU per request; the server must be on this machine.
 */
async function timed(...cases) {
  // Warm up (the API's optimizing compiler runs in the process too: its CPU would be charged to the first runs).
  for (let i = 0; i < WARMUP; i++) for (const c of cases) await c.fn();
  const backends = async (app) =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [app])).rows.map(
      (r) => r.pid,
    );
  const cpu = async (api) => {
    if (!api) return { node: 0, pg: new Map() };
    return {
      node: cpuMs(api.proc.pid),
      pg: new Map((await backends(api.app)).map((pid) => [pid, cpuMs(pid)])),
    };
  };
  const start = await Promise.all(cases.map((c) => cpu(c.api)));
  const times = cases.map(() => []);
  for (let i = 0; i < RUNS; i++)
    for (const [k, c] of cases.entries()) {
      const t = performance.now();
      await c.fn();
      times[k].push(performance.now() - t);
    }
  const end = await Promise.all(cases.map((c) => cpu(c.api)));
  return cases.map((c, k) => {
    const pgMs = [...end[k].pg].reduce((sum, [pid, ms]) => sum + ms - (start[k].pg.get(pid) ?? 0), 0);
    return {
      case: c.label,
      runs: RUNS,
      'p50 ms': quantile(times[k], 0.5).toFixed(1),
      'p95 ms': quantile(times[k], 0.95).toFixed(1),
      'API CPU ms/req': c.api ? ((end[k].node - start[k].node) / RUNS).toFixed(2) : '',
      'PG CPU ms/req': c.api ? (pgMs / RUNS).toFixed(2) : '',
    };
  });
}

// REUSE=1 (with KEEP=1): time again on the database a KEEP=1 run left, without seeding (quick
// iterations; the seeding times then read 0).
const REUSE = process.env.KEEP && process.env.REUSE === '1';
if (!REUSE) {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
}
const jwtSecret = randomBytes(32).toString('hex');
// API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof", profiles the APIs.
const nodeArgs = process.env.API_NODE_ARGS ? process.env.API_NODE_ARGS.split(' ') : [];
const spawnApi = (main, port, app) =>
  spawn(process.execPath, [...API_NODE_OPTIONS, ...nodeArgs, main], {
    env: {
      ...process.env,
      // Names its PostgreSQL backends, whose CPU is charged to its requests (the URL's
      // application_name wins over the one the API sets).
      DATABASE_URL: `${dbUrl}?application_name=${app}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '0',
      PERIODIC_PASSES: 'off',
      AUTH_RATE_LIMIT: 'off',
      WUTONG_ADMIN_EMAIL: 'bench-admin@wutong.local',
      WUTONG_ADMIN_PASSWORD: 'Bench-Admin-Pass-2026',
      // One key for every API of the run, so BEFORE_MAIN reads the same sign-in.
      JWT_SECRET: jwtSecret,
    },
    // The API's log lines go to stderr: stdout is the bench's markdown.
    stdio: ['ignore', 2, 2],
  });
const waitFor = async (url, proc) => {
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) return;
    if (i > 1200 || proc.exitCode !== null) throw new Error('the API did not start within 2 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
};
const port = await freePort();
const api = spawnApi(API_MAIN, port, 'bench-api');
const base = `http://127.0.0.1:${port}`;
// BEFORE_MAIN: another build (e.g. the main branch's dist/apps/api/main.js) timed on the same data.
let before = null;
const db = new pg.Pool({ connectionString: dbUrl, max: 10 });
try {
  await waitFor(base, api);
  log('API up and migrated; seeding ten years…');
  const seedStarted = performance.now();
  const timings = { 'rollup rebuild (the migration backfill)': 0 };
  const step = async (what, sql) => {
    if (REUSE) return;
    const t = performance.now();
    const r = await db.query(sql);
    timings[what] = (performance.now() - t) / 1000;
    log(`  ${what}: ${r.rowCount ?? 0} rows in ${timings[what].toFixed(1)} s`);
  };
  // Bulk loads skip the rollup's check-in and booking triggers and rebuild it once at the end — what
  // the migration does on an existing base (the triggers handle bulk statements too, more slowly).
  await step(
    'rollup triggers off',
    'ALTER TABLE check_ins DISABLE TRIGGER USER; ALTER TABLE bookings DISABLE TRIGGER USER',
  );
  await step(
    'carriers',
    `INSERT INTO organizations (name, kind) SELECT '载体 ' || i, 'incubator' FROM generate_series(1, 10) i`,
  );
  await step('companies', `INSERT INTO companies (name) SELECT '企业 ' || i FROM generate_series(1, 5000) i`);
  await step(
    'founders',
    `WITH c AS (SELECT array_agg(id ORDER BY name) a FROM companies)
     INSERT INTO users (email, password_hash, display_name, company_id)
     SELECT 'f' || i || '@bench.wutong', 'x', '创业者 ' || i, c.a[(i % 5000) + 1]
       FROM generate_series(1, 20000) i, c`,
  );
  await step(
    'events',
    `WITH o AS (SELECT array_agg(id ORDER BY name) a FROM organizations WHERE kind = 'incubator')
     INSERT INTO events (organization_id, type, title, capacity, status, starts_at, ends_at, seats_taken)
     SELECT o.a[(g % 10) + 1], (ARRAY['salon','roadshow','training','coaching','policy_briefing','legal_clinic','hr_workshop','other'])[(g % 8) + 1],
            '活动 ' || g, 200, CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'completed' END,
            timestamptz '2016-01-01 03:00Z' + g * interval '1 day' * (3650.0 / 3500),
            timestamptz '2016-01-01 05:30Z' + g * interval '1 day' * (3650.0 / 3500) + CASE WHEN g % 8 = 2 THEN interval '2 days' ELSE interval '0' END,
            0
       FROM generate_series(1, 3500) g, o`,
  );
  await step(
    'sessions',
    `INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at)
     SELECT e.id, e.organization_id, e.starts_at + k * interval '1 day', e.starts_at + k * interval '1 day' + interval '150 minutes'
       FROM events e, generate_series(0, 2) k WHERE k = 0 OR e.type = 'training'`,
  );
  await step(
    'registrations',
    `WITH u AS (SELECT array_agg(id ORDER BY email) a FROM users WHERE email LIKE 'f%@bench.wutong'),
          e AS (SELECT id, organization_id, row_number() OVER (ORDER BY starts_at) n FROM events)
     INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, confirmed_at)
     SELECT e.id, e.organization_id, u.a[((e.n * 7919 + k) % 20000) + 1], 'confirmed', md5(e.id::text || k), now()
       FROM e, u, generate_series(0, 142) k`,
  );
  await step(
    'check-ins',
    `WITH first AS (SELECT DISTINCT ON (event_id) id, event_id FROM event_sessions ORDER BY event_id, starts_at)
     INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, company_id, method)
     SELECT r.organization_id, r.event_id, first.id, r.id, r.user_id, u.company_id, 'ticket'
       FROM registrations r JOIN first ON first.event_id = r.event_id JOIN users u ON u.id = r.user_id
      WHERE (hashtext(r.id::text) & 1023) < 717`,
  );
  await step('seat counters', `UPDATE events e SET seats_taken = 143`);
  await step(
    'mentors',
    `UPDATE users SET roles = ARRAY['mentor'] WHERE email IN (SELECT 'f' || i || '@bench.wutong' FROM generate_series(1, 50) i)`,
  );
  await step(
    'mentoring sessions',
    `WITH m AS (SELECT array_agg(id ORDER BY email) a FROM users WHERE 'mentor' = ANY(roles)),
          f AS (SELECT array_agg(id ORDER BY email) a FROM users WHERE email LIKE 'f%@bench.wutong'),
          o AS (SELECT array_agg(id ORDER BY name) a FROM organizations WHERE kind = 'incubator')
     INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone)
     SELECT m.a[(i % 50) + 1], f.a[(i * 37 % 19000) + 1000], o.a[(i % 10) + 1],
            timestamptz '2016-01-04 02:00Z' + (i / 50) * interval '17 hours', timestamptz '2016-01-04 03:00Z' + (i / 50) * interval '17 hours',
            'completed', '辅导', 'Asia/Shanghai'
       FROM generate_series(0, 4999) i, m, f, o`,
  );
  await step(
    'rollup triggers on',
    'ALTER TABLE check_ins ENABLE TRIGGER USER; ALTER TABLE bookings ENABLE TRIGGER USER',
  );
  await step('rollup rebuild (the migration backfill)', 'SELECT dashboard_rebuild()');
  // What autovacuum does to a settled table: the visibility map lets index-only scans skip the heap.
  // Without it every probe of a freshly loaded check_ins also reads the table row.
  await step('vacuum analyze', 'VACUUM (ANALYZE)');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const [{ counts }] = (
    await db.query(`SELECT json_build_object('events', (SELECT count(*) FROM events), 'registrations', (SELECT count(*) FROM registrations),
                      'check_ins', (SELECT count(*) FROM check_ins), 'bookings', (SELECT count(*) FROM bookings)) AS counts`)
  ).rows;
  log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-admin@wutong.local', password: 'Bench-Admin-Pass-2026' }),
  });
  const { accessToken } = await login.json();
  const carrier = (
    await db.query(`SELECT id FROM organizations WHERE kind = 'incubator' ORDER BY name LIMIT 1`)
  ).rows[0].id;
  const get =
    (query, at = base) =>
    async () => {
      const res = await fetch(`${at}/api/dashboard?${query}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!res.ok) throw new Error(`dashboard answered ${res.status}`);
      await res.json();
    };
  // reporting/ since the architecture step of issue 16; targets/ in older builds (API_DIST).
  const dist = new URL(`../../${API_MAIN.replace(/main\.js$/, '')}`, import.meta.url).pathname;
  const { ADDITIVE, PARTICIPANT_KEYS, COMPANY_KEYS, uniqueSql } = require(
    [`${dist}reporting/metrics.queries.js`, `${dist}targets/metrics.queries.js`].find((f) => existsSync(f)),
  );
  // The counting queries' parameters: the first local day, the carriers (null: all), the day after the last.
  const params = (org) => ['2025-01-01', org && [org], '2026-01-01'];
  const raw = (org) => () =>
    Promise.all([
      ...Object.values(ADDITIVE).map((sql) => db.query(sql, params(org))),
      ...[PARTICIPANT_KEYS, COMPANY_KEYS].map((keys) => db.query(uniqueSql(keys), params(org))),
    ]);
  const rollup = (org) => () =>
    db.query('SELECT * FROM dashboard_read($1, $2::uuid[])', [2025, org && [org]]);
  // The same rollup summed as the answer needs it (what the API reads since migration 1764736500000).
  const totals = (org) => () => db.query('SELECT dashboard_totals($1, $2::uuid[])', [2025, org && [org]]);

  // The numbers first: the API (rollup) against counting from scratch, base-wide and for a carrier.
  const apiView = async (query) =>
    (
      await (
        await fetch(`${base}/api/dashboard?${query}`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()
    ).metrics.map((m) => [m.metric, m.actual, m.byMonth.join(',')].join(':'));
  const scratchView = async (org) => {
    const [additive, unique] = await Promise.all([
      Promise.all(
        Object.entries(ADDITIVE).map(async ([m, sql]) => [m, (await db.query(sql, params(org))).rows]),
      ),
      Promise.all(
        [
          ['unique_participants', PARTICIPANT_KEYS],
          ['companies_served', COMPANY_KEYS],
        ].map(async ([m, keys]) => [m, (await db.query(uniqueSql(keys), params(org))).rows]),
      ),
    ]);
    const byMetric = new Map();
    for (const [m, rows] of additive) {
      const months = Array(12).fill(0);
      for (const r of rows) months[r.month - 1] += r.n;
      byMetric.set(m, [m, months.reduce((a, b) => a + b, 0), months.join(',')].join(':'));
    }
    for (const [m, rows] of unique) {
      const months = Array(12).fill(0);
      for (const r of rows.filter((x) => x.kind === 'month')) months[r.month - 1] += r.n;
      byMetric.set(m, [m, rows.find((x) => x.kind === 'total')?.n ?? 0, months.join(',')].join(':'));
    }
    return [...byMetric.keys()].sort().map((k) => byMetric.get(k));
  };
  const same = async (query, org) =>
    JSON.stringify((await apiView(query)).sort()) === JSON.stringify(await scratchView(org));
  const agree =
    (await same('year=2025', null)) && (await same(`year=2025&organizationId=${carrier}`, carrier));
  log(`the API's numbers ${agree ? 'equal' : 'DIFFER FROM'} counting from scratch`);
  log(`timing ${RUNS} runs per case…`);
  const self = { proc: api, app: 'bench-api' };
  // BEFORE_MAIN: that build's requests alternate with this build's, on the same data.
  let other = null;
  if (process.env.BEFORE_MAIN) {
    const beforePort = await freePort();
    before = spawnApi(process.env.BEFORE_MAIN, beforePort, 'bench-api-before');
    other = { proc: before, app: 'bench-api-before', at: `http://127.0.0.1:${beforePort}` };
    await waitFor(other.at, before);
    log(`timing the build ${process.env.BEFORE_MAIN} too…`);
  }
  const withBefore = (label, query) => [
    { label, fn: get(query), api: self },
    ...(other
      ? [{ label: label.replace('API,', 'API before (BEFORE_MAIN),'), fn: get(query, other.at), api: other }]
      : []),
  ];
  const loadBefore = loadavg()[0];
  const rows = [
    ...(await timed(...withBefore('API, base-wide, 2025', 'year=2025'))),
    ...(await timed(
      { label: 'SQL rollup read through pg, base-wide', fn: rollup(null) },
      { label: 'SQL rollup totals through pg, base-wide', fn: totals(null) },
    )),
    ...(await timed({ label: 'SQL 6 queries from scratch through pg, base-wide', fn: raw(null) })),
    ...(await timed(...withBefore('API, one carrier, 2025', `year=2025&organizationId=${carrier}`))),
    ...(await timed(
      { label: 'SQL rollup read through pg, one carrier', fn: rollup(carrier) },
      { label: 'SQL rollup totals through pg, one carrier', fn: totals(carrier) },
    )),
    ...(await timed({ label: 'SQL 6 queries from scratch through pg, one carrier', fn: raw(carrier) })),
    ...(await timed(...withBefore('API, base-wide, 2020', 'year=2020'))),
  ];
  const head = Object.keys(rows[0]);
  console.log(
    `### Dashboard over ten years: ${counts.events} events, ${counts.registrations} registrations, ` +
      `${counts.check_ins} check-ins, ${counts.bookings} bookings; node ${process.version}\n`,
  );
  console.log(
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${head.map((h) => r[h]).join(' | ')} |`),
    ].join('\n'),
  );
  const p95 = (label) => Number(rows.find((r) => r.case === label)['p95 ms']);
  const [wide, one] = [p95('API, base-wide, 2025'), p95('API, one carrier, 2025')];
  console.log(
    `\nSeeded through SQL in ${seedSeconds.toFixed(0)} s, of which the rollup's rebuild (what the migration ` +
      `does on an existing base) ${timings['rollup rebuild (the migration backfill)'].toFixed(0)} s, then ` +
      `VACUUM (ANALYZE) as autovacuum leaves a settled base. ` +
      `The API's numbers ${agree ? 'equal' : 'DIFFER FROM'} counting from scratch. ` +
      `CPU per request: the API process, and its PostgreSQL backends (by application_name), over all runs. ` +
      `Load average (1 min) ${loadBefore.toFixed(1)} before timing, ${loadavg()[0].toFixed(1)} after, on ` +
      `${availableParallelism()} CPUs: times on a busy machine are noisy, CPU per request less so.\n`,
  );
  console.log(
    `Goal — dashboard p95 ≤ 20 ms at ten years: base-wide ${wide} ms (the rollup's totals alone through pg ` +
      `${p95('SQL rollup totals through pg, base-wide')} ms), one carrier ${one} ms (rollup totals ` +
      `${p95('SQL rollup totals through pg, one carrier')} ms) — ${wide <= 20 && one <= 20 ? 'met' : 'not met'}; ` +
      `counting from scratch through pg: ${p95('SQL 6 queries from scratch through pg, base-wide')} ms base-wide.\n`,
  );
  if (!agree) process.exitCode = 1;
  log(`done: ${rows.length} cases × ${RUNS} runs`);
} finally {
  await db.end();
  for (const proc of [api, before].filter((p) => p && p.exitCode === null)) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
  if (process.env.KEEP) log(`kept the database ${name}`);
  else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
