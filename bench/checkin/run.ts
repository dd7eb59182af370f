/**
 * Check-ins per second at the API under 4 concurrent doors (issues #4 and #7). Starts the built API on a fresh
 * database, seeds an event with N confirmed registrations, then 4 "doors" (one keep-alive connection
 * each) scan every ticket, each door in its own order, so each ticket is scanned 4 times: one answer must
 * be a new check-in (201), the other three `alreadyCheckedIn` (200). A reference row runs the same
 * look-up + INSERT … ON CONFLICT straight through 4 pg connections.
 *
 *   npx tsc -p libs/shared/tsconfig.lib.json && npx tsc -p apps/api/tsconfig.app.json   # the built API
 *   node -r ./test/web/swc-register.cjs bench/checkin/run.ts            # N=2000 DOORS=4; QUICK=1: N=500
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; a database
 * wutong_bench_checkin_* is created and dropped; API_MAIN (or API_DIST/main.js; default
 * dist/apps/api/main.js) the built API.
 * Never a timed test: markdown tables on stdout, progress on stderr. The database's transaction
 * count during each run gives the round trips per scan (a scan's statements are autocommitted).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

const N = Number(process.env.N ?? (process.env.QUICK === '1' ? 500 : 2000));
const API_MAIN =
  process.env.API_MAIN ??
  (process.env.API_DIST ? `${process.env.API_DIST}/main.js` : 'dist/apps/api/main.js');
const log = (line: string) => process.stderr.write(`[bench checkin] ${line}\n`);
const DOORS = Number(process.env.DOORS ?? 4);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `wutong_bench_checkin_${process.pid}_${randomBytes(3).toString('hex')}`;
const PASSWORD = 'wutong-bench-passw0rd';

function dbUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request through the given agent (a door's own keep-alive connection). */
function send(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/api${path}`,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });

async function call<T>(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const answer = await send(setupAgent, port, method, path, body, token);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`);
  return (answer.body ? JSON.parse(answer.body) : undefined) as T;
}

async function startApi(port: number): Promise<ChildProcess> {
  if (!existsSync(API_MAIN)) throw new Error('build the API first (see the header of this file)');
  // Production's Node options, as bench/reference/support.mjs's API_NODE_OPTIONS.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', API_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(DB),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: 'off',
      MAIL_DIR: `tmp/mail/${DB}`,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      PUBLIC_URL: 'http://wutong.bench',
    },
    // Its log lines (warnings and errors) go to our stderr, not into the table on stdout.
    stdio: ['ignore', 2, 'inherit'],
  });
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await send(setupAgent, port, 'GET', '/health')).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the API did not become ready within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface World {
  sessionId: string;
  referenceSessionId: string;
  eventId: string;
  organizationId: string;
  tokens: string[];
  tickets: string[];
}

async function seed(port: number, db: Client): Promise<World> {
  const signUp = async (name: string) => {
    const email = `${name}.${randomBytes(4).toString('hex')}@bench.example.com`;
    const { user } = await call<{ user: { id: string } }>(port, 'POST', '/auth/signup', {
      email,
      password: PASSWORD,
      displayName: name,
    });
    return { id: user.id, email };
  };
  const login = async (email: string) =>
    (await call<{ accessToken: string }>(port, 'POST', '/auth/login', { email, password: PASSWORD }))
      .accessToken;

  const admin = await signUp('bench-admin');
  await db.query(`UPDATE users SET roles = array_append(roles, 'admin') WHERE id = $1`, [admin.id]);
  const adminToken = await login(admin.email);
  const org = await call<{ id: string }>(
    port,
    'POST',
    '/organizations',
    { name: `压测孵化器 ${DB}`, timeZone: 'Asia/Shanghai' },
    adminToken,
  );
  // Four organizers, one per door, each with a token of their own.
  const tokens: string[] = [];
  for (let d = 0; d < DOORS; d++) {
    const organizer = await signUp(`door-${d + 1}`);
    await call(port, 'POST', `/users/${organizer.id}/roles`, { role: 'organizer' }, adminToken);
    await call(port, 'POST', `/organizations/${org.id}/members`, { userId: organizer.id }, adminToken);
    tokens.push(await login(organizer.email));
  }
  const start = Date.now() + 3600_000;
  const event = await call<{ id: string; sessions: { id: string }[] }>(
    port,
    'POST',
    '/events',
    {
      organizationId: org.id,
      type: 'salon',
      title: '压测：四个门同时扫码',
      description: 'bench/check-in',
      capacity: Math.max(N, 1),
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [0, 1].map((i) => ({
        startsAt: new Date(start + i * 4 * 3600_000).toISOString(),
        endsAt: new Date(start + i * 4 * 3600_000 + 2 * 3600_000).toISOString(),
        title: i === 0 ? 'API' : 'raw SQL reference',
      })),
    },
    tokens[0],
  );
  await call(port, 'POST', `/events/${event.id}/publish`, {}, tokens[0]);

  // N founders with confirmed registrations, in two statements.
  const t0 = performance.now();
  await db.query(
    `INSERT INTO users (email, password_hash, display_name)
     SELECT 'bench-founder-' || i || '@bench.example.com', 'x', '压测创业者 ' || i FROM generate_series(1, $1) i`,
    [N],
  );
  // Ticket codes like the API's (22 url-safe characters), made up by the database.
  const { rows } = await db.query<{ ticket_code: string }>(
    `INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, confirmed_at)
     SELECT $1, $2, u.id, 'confirmed', left(translate(encode(decode(md5(gen_random_uuid()::text), 'hex'), 'base64'), '+/=', '-_'), 22), now()
       FROM users u WHERE u.email LIKE 'bench-founder-%'
     RETURNING ticket_code`,
    [event.id, org.id],
  );
  log(`seeded ${rows.length} confirmed registrations in ${Math.round(performance.now() - t0)} ms`);
  return {
    eventId: event.id,
    organizationId: org.id,
    sessionId: event.sessions[0].id,
    referenceSessionId: event.sessions[1].id,
    tokens,
    tickets: rows.map((r) => r.ticket_code),
  };
}

/** Door d's order: forwards, backwards, from the middle, and a fixed shuffle — so doors collide. */
function orderFor(door: number, tickets: string[]): string[] {
  const list = [...tickets];
  switch (door % 4) {
    case 0:
      return list;
    case 1:
      return list.reverse();
    case 2:
      return [...list.slice(list.length >> 1), ...list.slice(0, list.length >> 1)];
    default: {
      let seed = 20260504 + door;
      for (let i = list.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    }
  }
}

interface Run {
  label: string;
  scans: number;
  created: number;
  repeats: number;
  errors: number;
  seconds: number;
  latencies: number[];
  /** Database transactions committed during the run (pg_stat_database), for round trips per scan. */
  transactions?: number;
}

/** Committed transactions of the bench database so far (stats are flushed within a second). */
async function commits(db: Client): Promise<number> {
  await new Promise((r) => setTimeout(r, 1100));
  const { rows } = await db.query<{ n: string }>(
    `SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

function markdownTable(rows: Record<string, string | number>[]): string {
  const head = Object.keys(rows[0]);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${head.map((h) => String(r[h])).join(' | ')} |`),
  ].join('\n');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runApi(port: number, world: World): Promise<Run> {
  // Warm-up on the read path (JIT, pools) without touching the counted session.
  const warm = new http.Agent({ keepAlive: true, maxSockets: DOORS });
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      send(warm, port, 'GET', `/sessions/${world.sessionId}/check-ins`, undefined, world.tokens[i % DOORS]),
    ),
  );
  warm.destroy();
  const run: Run = {
    label: `API, ${DOORS} doors`,
    scans: 0,
    created: 0,
    repeats: 0,
    errors: 0,
    seconds: 0,
    latencies: [],
  };
  const firstError: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: DOORS }, async (_, door) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (const ticketCode of orderFor(door, world.tickets)) {
        const s = performance.now();
        const answer = await send(
          agent,
          port,
          'POST',
          `/sessions/${world.sessionId}/check-ins`,
          { ticketCode },
          world.tokens[door],
        );
        run.latencies.push(performance.now() - s);
        run.scans++;
        if (answer.status === 201) run.created++;
        else if (
          answer.status === 200 &&
          (JSON.parse(answer.body) as { alreadyCheckedIn: boolean }).alreadyCheckedIn
        )
          run.repeats++;
        else {
          run.errors++;
          if (firstError.length === 0) firstError.push(`${answer.status} ${answer.body}`);
        }
      }
      agent.destroy();
    }),
  );
  run.seconds = (performance.now() - t0) / 1000;
  if (firstError.length) log(`first error: ${firstError[0]}`);
  return run;
}

/** The floor: the same look-up and insert as the service, straight through DOORS pg connections. */
async function runReference(world: World): Promise<Run> {
  const run: Run = {
    label: `raw SQL, ${DOORS} pg conns`,
    scans: 0,
    created: 0,
    repeats: 0,
    errors: 0,
    seconds: 0,
    latencies: [],
  };
  const clients = await Promise.all(
    Array.from({ length: DOORS }, async () => {
      const c = new Client({ connectionString: dbUrl(DB) });
      await c.connect();
      return c;
    }),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, door) => {
      for (const ticket of orderFor(door, world.tickets)) {
        const s = performance.now();
        const { rows } = await c.query<{ id: string; status: string; event_id: string }>(
          `SELECT id, status, event_id FROM registrations WHERE ticket_code = $1`,
          [ticket],
        );
        const inserted = await c.query(
          `INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, method)
           VALUES ($1, $2, $3, $4, 'ticket') ON CONFLICT DO NOTHING RETURNING id`,
          [world.organizationId, world.eventId, world.referenceSessionId, rows[0].id],
        );
        if (inserted.rowCount === 0) {
          await c.query(`SELECT id FROM check_ins WHERE session_id = $1 AND registration_id = $2`, [
            world.referenceSessionId,
            rows[0].id,
          ]);
          run.repeats++;
        } else run.created++;
        run.scans++;
        run.latencies.push(performance.now() - s);
      }
    }),
  );
  run.seconds = (performance.now() - t0) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return run;
}

function row(run: Run): Record<string, string | number> {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    run: run.label,
    scans: run.scans,
    'new check-ins': run.created,
    repeats: run.repeats,
    errors: run.errors,
    seconds: Number(run.seconds.toFixed(2)),
    'scans/s': Math.round(run.scans / run.seconds),
    'p50 ms': Number(percentile(sorted, 50).toFixed(2)),
    'p95 ms': Number(percentile(sorted, 95).toFixed(2)),
    'p99 ms': Number(percentile(sorted, 99).toFixed(2)),
    'max ms': Number(sorted[sorted.length - 1].toFixed(2)),
    'db xacts/scan': run.transactions === undefined ? '' : Number((run.transactions / run.scans).toFixed(2)),
  };
}

async function main(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${DB}"`);
  let api: ChildProcess | null = null;
  let db: Client | null = null;
  let ok = false;
  try {
    const port = await freePort();
    api = await startApi(port);
    db = new Client({ connectionString: dbUrl(DB) });
    await db.connect();
    const world = await seed(port, db);
    log(`${N} tickets × ${DOORS} doors = ${N * DOORS} scans (node ${process.version})`);
    let before = await commits(db);
    const apiRun = await runApi(port, world);
    // The API's own background work (outbox, jobs) commits too: a small overcount.
    apiRun.transactions = (await commits(db)) - before - 1;
    before = await commits(db);
    const reference = await runReference(world);
    reference.transactions = (await commits(db)) - before - 1;
    const { rows } = await db.query<{ total: number; people: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT registration_id)::int AS people FROM check_ins WHERE session_id = $1`,
      [world.sessionId],
    );
    const [{ audits }] = (
      await db.query<{ audits: number }>(
        `SELECT count(*)::int AS audits FROM audit_log WHERE action = 'check_in.create'`,
      )
    ).rows;
    ok =
      rows[0].total === N &&
      rows[0].people === N &&
      audits === N &&
      apiRun.created === N &&
      apiRun.repeats === N * (DOORS - 1) &&
      apiRun.errors === 0;
    const rate = (r: Run) => r.scans / r.seconds;
    const p99 = (r: Run) =>
      percentile(
        [...r.latencies].sort((a, b) => a - b),
        99,
      );
    console.log(
      `### Check-in: ${DOORS} doors scanning ${N} tickets each (${N * DOORS} scans), node ${process.version}\n`,
    );
    console.log(markdownTable([row(apiRun), row(reference)]));
    console.log(
      `\nGoal — check-in at ${DOORS} doors (no target in issue #7): API at ${((100 * rate(apiRun)) / rate(reference)).toFixed(0)} % of raw SQL's scans per second; ` +
        `p99 ${p99(apiRun).toFixed(1)} ms against ${p99(reference).toFixed(1)} ms. ` +
        (ok
          ? `Exactly ${N} check-ins and ${audits} audit entries in the session (OK).`
          : `FAILED: ${rows[0].total} check-ins, ${audits} audit entries, ${apiRun.created} new, ` +
            `${apiRun.repeats} repeats, ${apiRun.errors} errors.`) +
        '\n',
    );
  } finally {
    await db?.end();
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    setupAgent.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
