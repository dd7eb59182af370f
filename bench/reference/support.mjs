/**
 * What bench/registration and bench/events share: a database of their own, the built API and the thin
 * reference as child processes, tokens signed with the API's JWT secret, a load run through
 * autocannon, and markdown tables (results on stdout, progress on stderr; bench/README.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The built API (override to compare another build, e.g. the one before a change). */
export const API_DIST = path.resolve(ROOT, process.env.API_DIST ?? 'dist/apps/api');

export const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);

export function dbUrl(name) {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function benchDbName(tag) {
  return `wutong_bench_${tag}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export async function createDb(name) {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
}

export async function dropDb(name) {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
}

/** Spawns a node process (this one's Node, or the binary `node`) and waits until `healthPath` answers 200. */
async function startNode(label, args, env, port, healthPath, node = process.execPath) {
  const child = spawn(node, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 2, 'inherit'], // its log lines (warnings and errors) go to our stderr
  });
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    try {
      if ((await get(port, healthPath)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${label} did not become ready within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    pid: child.pid,
    /** Resident set size now, in MiB (Linux /proc). */
    rssMiB: () => procStatus(child.pid, 'VmRSS'),
    /** CPU time used so far (user + system), in ms (Linux /proc). */
    cpuMs: () => procCpuMs(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function procCpuMs(pid) {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, after the command name in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system, ms) used so far by every process whose command is `name`, e.g. postgres. */
export function commandCpuMs(name) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // the process ended meanwhile; what it used is lost to the count
    }
  }
  return total;
}

/** The machine's busy and total CPU time so far (all cores, ms), from /proc/stat. */
export function machineCpuMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0) * 10;
  const idle = (ticks[3] + ticks[4]) * 10;
  return { busy: total - idle, total };
}

function procStatus(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Production's Node options for the API (docs/operations.md, "Node options"); a later flag of the same name overrides. */
export const API_NODE_OPTIONS = ['--max-semi-space-size=64'];

/** The built API as production runs it, on its own port; the outbox worker is off (see README). */
export async function startApi({ db, secret, env = {}, args = [], dist = API_DIST, node }) {
  const main = path.join(dist, 'main.js');
  if (!existsSync(main)) throw new Error(`no built API at ${main}: run the build first (bench/run.mjs does)`);
  const port = await freePort();
  // API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof", profiles the benchmarked API.
  const nodeArgs = process.env.API_NODE_ARGS ? process.env.API_NODE_ARGS.split(' ') : [];
  return startNode(
    'the API',
    [...API_NODE_OPTIONS, ...nodeArgs, ...args, main],
    {
      DATABASE_URL: dbUrl(db),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: 'off',
      OUTBOX_POLL_MS: '0',
      PERIODIC_PASSES: 'off',
      MAIL_DIR: path.join(ROOT, 'tmp/mail', db),
      PUBLIC_URL: 'http://wutong.bench',
      JWT_SECRET: secret,
      ...env,
    },
    port,
    '/api/health',
    node,
  );
}

/** bench/reference/thin-server.mjs: plain Fastify + pg (pool of 10) with the API's SQL. */
export async function startThin({ db, secret, env = {} }) {
  const port = await freePort();
  return startNode(
    'the thin reference',
    [path.join(ROOT, 'bench/reference/thin-server.mjs')],
    { DATABASE_URL: dbUrl(db), PORT: String(port), JWT_SECRET: secret, API_DIST, ...env },
    port,
    '/health',
  );
}

/**
 * bench/reference/minimal-server.mjs (or `script`, e.g. minimal-booking-server.mjs): Fastify + pg (pool
 * of 10), one prepared statement, nothing else.
 */
export async function startMinimal({ db, env = {}, script = 'minimal-server.mjs' }) {
  const port = await freePort();
  return startNode(
    'the minimal reference',
    [path.join(ROOT, 'bench/reference', script)],
    { DATABASE_URL: dbUrl(db), PORT: String(port), ...env },
    port,
    '/health',
  );
}

const b64url = (value) => Buffer.from(value).toString('base64url');

/** An HS256 JWT as @nestjs/jwt signs it ({ sub, sid } claims, like AuthService.openSession). */
export function signJwt(secret, claims, ttlSeconds = 86_400) {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(
    JSON.stringify({ ...claims, iat: now, exp: now + ttlSeconds }),
  )}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * `count` fresh events of carrier `org` that a rush registers for: published, open, capacity 1,000,000,
 * one session 30 days on; titled `title` (`title 1`, `title 2`, … when several). Their ids.
 */
export async function insertRushEvents(client, org, title, count = 1) {
  const { rows } = await client.query(
    `WITH e AS (
       INSERT INTO events (organization_id, type, title, description, online_url, capacity, status, starts_at, ends_at, published_at)
       SELECT $1, 'roadshow', CASE WHEN $3::int > 1 THEN $2 || ' ' || n ELSE $2 END,
              '项目路演：每个创业团队 8 分钟展示，投资人现场点评。', 'https://meeting.example.com/roadshow',
              1000000, 'published', now() + interval '30 days', now() + interval '30 days 3 hours', now()
         FROM generate_series(1, $3::int) n
       RETURNING id, organization_id, starts_at, ends_at)
     INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at)
     SELECT id, organization_id, starts_at, ends_at FROM e RETURNING event_id`,
    [org, title, count],
  );
  return rows.map((r) => r.event_id);
}

/** Deterministic user ids, so pgbench can name founder n without a lookup. */
export const founderId = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const FOUNDER_ID_SQL = (expr) =>
  `('00000000-0000-4000-8000-' || lpad((${expr})::text, 12, '0'))::uuid`;

/**
 * Founders 1..count with an open session each (straight through SQL: signing up through the API
 * would hash a password per founder), verified (registering and booking need it), and their bearer
 * tokens.
 */
export async function seedFounders(client, secret, count) {
  await client.query(
    `INSERT INTO users (id, email, password_hash, display_name, verified_at, email_verified_at)
     SELECT ${FOUNDER_ID_SQL('n')}, 'founder-' || n || '@bench.example.com', 'not-a-hash', '压测创业者 ' || n, now(), now()
       FROM generate_series(1, $1) n`,
    [count],
  );
  const { rows } = await client.query(
    `INSERT INTO auth_sessions (user_id, expires_at)
     SELECT ${FOUNDER_ID_SQL('n')}, now() + interval '1 day' FROM generate_series(1, $1) n
     RETURNING id, user_id`,
    [count],
  );
  const tokens = new Array(count);
  for (const r of rows)
    tokens[Number(r.user_id.slice(-12)) - 1] = signJwt(secret, { sub: r.user_id, sid: r.id });
  return tokens;
}

/**
 * Every founder of `tokens` opens the app once on `server`: its first call, GET /api/me, as the web
 * app makes it when it loads. A founder registers or books from a page of the app, so the API process
 * has seen the session before (docs/architecture.md, "Sessions and event contexts in memory").
 */
export async function openApp(server, tokens, label = 'bench') {
  log(`${label}: ${tokens.length} founders open the app (GET /api/me)`);
  const opened = await load({
    port: server.port,
    connections: Math.min(32, tokens.length),
    amount: tokens.length,
    request: (i) => ({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${tokens[i]}` } }),
  });
  if (opened.statuses[200] !== tokens.length)
    throw new Error(`GET /api/me answered ${JSON.stringify(opened.statuses)} for ${tokens.length} founders`);
}

/**
 * One load run with autocannon. `request(i)` gives the i-th request ({ method, path, headers, body });
 * stops after `amount` requests. Returns throughput and latency percentiles, and status counts.
 */
export async function load({ port, connections, amount, request, duration }) {
  let i = 0;
  const statuses = {};
  const t0 = performance.now();
  // autocannon notices that `amount` requests are done only at its next sample (by default every
  // second), which made a 1.2 s run count as 2 s: it samples every 20 ms, and the run ends with its
  // last answer.
  let last = t0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    ...(amount ? { amount, sampleInt: 20 } : { duration }),
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...request(i++) }),
        onResponse: (status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          last = performance.now();
        },
      },
    ],
  });
  const seconds = ((amount ? last : performance.now()) - t0) / 1000;
  const completed = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    connections,
    completed,
    seconds,
    rps: completed / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses,
  };
}

/**
 * pgbench -M prepared on database `db` of the bench server: `script` (SQL text) for `seconds` with
 * `clients` clients, `defines` as -D variables. Throughput, latency percentiles from its
 * per-transaction log, and failed transactions.
 */
export function runPgbench({ db, script, clients, seconds, defines = {} }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wutong-pgbench-'));
  try {
    writeFileSync(path.join(dir, 'script.sql'), script);
    const url = new URL(SERVER);
    const res = spawnSync(
      'pgbench',
      [
        ...['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds)],
        ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
        ...['-f', path.join(dir, 'script.sql'), '-l', `--log-prefix=${path.join(dir, 'tx')}`],
        ...[
          '-h',
          url.searchParams.get('host') || url.hostname, // a Unix socket's directory, when the URL names one
          '-p',
          url.port || '5432',
          '-U',
          decodeURIComponent(url.username || 'postgres'),
        ],
        db,
      ],
      { encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`pgbench failed: ${res.stderr}`);
    const latencies = [];
    for (const f of readdirSync(dir).filter((f) => f.startsWith('tx')))
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n'))
        if (line) latencies.push(Number(line.split(' ')[2]) / 1000);
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return {
      tps: Number(/tps = ([\d.]+) \(without initial/.exec(res.stdout)?.[1]),
      p50: at(0.5),
      p99: at(0.99),
      transactions: latencies.length,
      failed: Number(/number of failed transactions: (\d+)/.exec(res.stdout)?.[1] ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table from rows of objects (the keys of the first row are the columns). */
export function table(rows) {
  if (rows.length === 0) return '(no rows)\n';
  const cols = Object.keys(rows[0]);
  const cell = (v) => (v === undefined || v === null ? '' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals) => `| ${vals.map((v, k) => v.padEnd(widths[k])).join(' | ')} |`;
  return (
    [
      line(cols),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
    ].join('\n') + '\n'
  );
}

export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
export const pct = (a, b) => (b > 0 ? `${Math.round((100 * a) / b)} %` : '—');
