#!/usr/bin/env node
// Dashboard latency over ten years of a large base (3,500 events, ~500,000 registrations,
// ~350,000 check-ins, 5,000 mentoring sessions), against a reference: the same six counting queries
// sent straight through pg. Needs a build (npx nx run-many -t build).
//   node bench/dashboard/run.mjs            (DATABASE_URL: the server to use; a database is created and dropped)
// Prints progress, a table, and a last line starting with "done".
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort } from '../../scripts/embedded-postgres.mjs';

const require = createRequire(import.meta.url);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.RUNS ?? 40);
const name = process.env.KEEP ? 'wutong_bench_dash_kept' : `wutong_bench_dash_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
})();
const log = (line) => console.log(`[bench dashboard] ${line}`);

async function admin(sql) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function timed(label, fn) {
  await fn(); // warm up
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return {
    case: label,
    runs: RUNS,
    'p50 ms': quantile(times, 0.5).toFixed(1),
    'p95 ms': quantile(times, 0.95).toFixed(1),
  };
}

await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin(`CREATE DATABASE "${name}"`);
const port = await freePort();
const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
  env: {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '0',
    AUTH_RATE_LIMIT: 'off',
    WUTONG_ADMIN_EMAIL: 'bench-admin@wutong.local',
    WUTONG_ADMIN_PASSWORD: 'Bench-Admin-Pass-2026',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
const db = new pg.Pool({ connectionString: dbUrl, max: 10 });
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  log('API up and migrated; seeding ten years…');
  const step = async (what, sql) => {
    const t = performance.now();
    const r = await db.query(sql);
    log(`  ${what}: ${r.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
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
  await step('analyze', 'ANALYZE');
  const [{ counts }] = (
    await db.query(`SELECT json_build_object('events', (SELECT count(*) FROM events), 'registrations', (SELECT count(*) FROM registrations),
                      'check_ins', (SELECT count(*) FROM check_ins), 'bookings', (SELECT count(*) FROM bookings)) AS counts`)
  ).rows;
  log(`seeded: ${JSON.stringify(counts)}`);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-admin@wutong.local', password: 'Bench-Admin-Pass-2026' }),
  });
  const { accessToken } = await login.json();
  const carrier = (
    await db.query(`SELECT id FROM organizations WHERE kind = 'incubator' ORDER BY name LIMIT 1`)
  ).rows[0].id;
  const get = (query) => async () => {
    const res = await fetch(`${base}/api/dashboard?${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!res.ok) throw new Error(`dashboard answered ${res.status}`);
    await res.json();
  };
  const {
    ADDITIVE,
    PARTICIPANT_KEYS,
    COMPANY_KEYS,
    uniqueSql,
  } = require('../../dist/apps/api/targets/metrics.queries.js');
  const raw = (org) => () =>
    Promise.all([
      ...Object.values(ADDITIVE).map((sql) => db.query(sql, [2025, org])),
      ...[PARTICIPANT_KEYS, COMPANY_KEYS].map((keys) => db.query(uniqueSql(keys), [2025, org])),
    ]);
  log(`timing ${RUNS} runs per case…`);
  const rows = [
    await timed('API  GET /api/dashboard?year=2025 (base-wide)', get('year=2025')),
    await timed('SQL  the same 6 queries through pg (base-wide)', raw(null)),
    await timed(
      'API  GET /api/dashboard?year=2025&organizationId=… (one carrier)',
      get(`year=2025&organizationId=${carrier}`),
    ),
    await timed('SQL  the same 6 queries through pg (one carrier)', raw(carrier)),
    await timed('API  GET /api/dashboard?year=2020 (a middle year)', get('year=2020')),
  ];
  console.log(
    `Dashboard over ${counts.events} events, ${counts.registrations} registrations, ${counts.check_ins} check-ins, ${counts.bookings} bookings; node ${process.version}`,
  );
  console.table(rows);
  log(`done: ${rows.length} cases × ${RUNS} runs`);
} finally {
  await db.end();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  if (process.env.KEEP) log(`kept the database ${name}`);
  else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
