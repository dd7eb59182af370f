#!/usr/bin/env node
/**
 * `npm run bench`: builds once, runs every benchmark in order and writes docs/benchmarks.md with the
 * machine, the date, the exact command of each section, its tables and a short interpretation.
 * Never a test: it reports numbers, it does not judge them (the goal lines say how far each is).
 *
 *   npm run bench                        # everything, about 10–15 minutes on 2 cores
 *   QUICK=1 npm run bench                # smaller sizes, a few minutes
 *   BENCH=registration,events npm run bench   # a subset; the other sections of docs/benchmarks.md are kept
 *   SKIP_BUILD=1 npm run bench           # use the builds already in dist/
 *
 * Each bench creates and drops its own database (DATABASE_URL names the server). Conventions for the
 * scripts: bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const QUICK = process.env.QUICK === '1';
const ONLY = process.env.BENCH ? new Set(process.env.BENCH.split(',')) : null;
const TS = ['-r', './test/web/swc-register.cjs'];

/**
 * The benches, in order. `scripts`: the first that exists runs (bench/check-in moved to bench/checkin).
 * `about`: what the section measures and how to read it, printed above the tables.
 */
const BENCHES = [
  {
    id: 'registration',
    title: 'Registration rush on one hot event (`bench/registration`)',
    scripts: ['bench/registration/run.mjs'],
    about: `A fresh published event with ample capacity per run; every request registers a different founder
(tokens signed with the API's JWT secret for sessions created in SQL). Before the runs every founder opens
the app once (\`GET /api/me\`, the web app's first call when it loads): a founder registers from an event
page, so the API process has seen the session (docs/architecture.md, "Sessions and event contexts in
memory"). The spread run is also made with founders the process has never seen, a row of its own: each of
those requests checks the JWT and reads the session, one more round trip. The same number of registrations go
to the built API, to the thin reference (\`bench/reference/thin-server.mjs\`: Fastify + pg, pool of 10,
the API's own \`REGISTER_WITH_SEAT_SQL\` read from the build) and to pgbench running that SQL. On one hot
event every registration updates the same row, so the database serializes them: each one holds the row
lock until its commit is flushed to disk. The ceiling is therefore the disk's flush rate, not the CPU —
compare rows of one run, and see the flush rate in the machine line. The API folds seat, registration
and queued mail into that one autocommitted statement; its other two round trips (session, event
context) happen outside the lock.

Where the API's time goes (\`API_NODE_ARGS=--cpu-prof\`, summed by \`bench/reference/cpu-profile-summary.mjs\`,
2026-11-27, before and after the changes of issue #7): before, 11 round trips per registration, the
event row locked from the seat's UPDATE through six more statements to COMMIT, and per request a
calendar invite built with dayjs time zones (~15 % of samples) and three \`Intl.DateTimeFormat\` per
session (~4 %). After: 3 round trips, the lock held for one statement, the invite kept per event
version for a minute, the formats built once. What remains on top: \`jsonwebtoken\` trying
\`createPublicKey\` on the string secret for every token (~10 % of samples; a \`KeyObject\` from
\`createSecretKey\` in auth.module.ts avoids it), socket writes (\`writev\`, ~18 %: the rendered mail
goes to PostgreSQL in the statement), Nest, helmet and validation (~5 %). Under CPU contention
every extra round trip also costs a scheduling delay, which is why the API falls further behind the
thin reference (1 round trip, no session check) on a loaded machine than on a quiet one.

Before and after on the same loaded machine (2026-11-27, load average ~22, alternating rounds of 6 s,
the build before these changes against this one): 11 → 3 SQL round trips per registration;
8 connections 7–16 → 26–56 req/s, 64 connections 9–11 → 37–51 req/s (p99 5.9–6.2 s → 1.5–5.6 s).`,
  },
  {
    id: 'events',
    title: 'Event listing (`bench/events`)',
    scripts: ['bench/events/run.mjs'],
    about: `\`GET /api/events\` at 64 connections against the thin reference running the same SQL (\`listQuery()\`
from the build) and the same row mapping; the reference checks it returns the same ids and totals.`,
  },
  {
    id: 'checkin',
    title: 'Check-in at 4 doors (`bench/checkin`)',
    scripts: ['bench/checkin/run.ts', 'bench/check-in/run.ts'],
    ts: true,
    about: `4 organizer "doors" each scan every ticket (one new check-in, three repeats per ticket), against
raw SQL doing the same look-up and insert on 4 connections.`,
  },
  {
    id: 'slots',
    title: 'Free-slot computation (`bench/slots`)',
    scripts: ['bench/slots/run.js'],
    about: `A mentor with a year of weekly rules, date overrides, 500 active bookings and the Chinese holiday
lookup on (libs/shared computeSlots, no database). Goal: ≤ 10 ms for what the API computes per request.`,
  },
  {
    id: 'booking',
    title: 'Booking office hours at 64 connections (`bench/slots/booking.mjs`)',
    scripts: ['bench/slots/booking.mjs'],
    about: `64 connections booking 1,000 different slots of one mentor through the built API, each request a
different founder, against pgbench running a conditional update of a slot row on the same database.
Goal: booking ≥ 50 % of pgbench; never two bookings of one slot.
Beside them the minimal reference (\`bench/reference/minimal-booking-server.mjs\`: Fastify + pg, pool of
10, one prepared INSERT of the booking, nothing else) books another mentor's 1,000 slots the same way:
the ceiling of any HTTP stack on this machine, and its share of pgbench. Before the rounds the API books
500 slots of a third mentor (its warm-up, as the reference gets one) and the rounds' founders open the app
(\`GET /api/me\`), as a founder does on the mentor's page. A run ends with its last answer: autocannon
notices the last of a fixed number of requests only at its next sample, once a second by default, which
before 2026-12-06 counted a 1.3 s round as 2 s (every booking figure before that date is too low, the
minimal reference's by half).
Not met. A booking of a mentor the process has booked before is one autocommitted statement on the
kept settings (\`MentorContexts\`; the slot's lock, the INSERT while the settings' version holds, the need it
matches, its mails' and texts' outbox rows, the answer, and the limits' last word in
\`booking_limits_confirm\` under the founder's and the mentor's day's advisory locks): 1 SQL round trip
on the pool for a founder whose session the process has seen (2 with the session read), no
BEGIN/COMMIT, and the session listener's catch-up (\`SELECT 1\` on its own connection). Until
2026-12-06 every booking read the mentor's settings and the bookings around the slot first (one more
round trip; the first booking of a mentor by a process, and any the statement does not make, still
do). Sampling
pg_stat_activity during the rounds showed where the time went before (8 round trips): most of the pool's connections "idle in transaction" waiting for the
API between statements, no backend ever waiting on a lock (not on the mentor's row, the advisory locks
or the exclusion constraint). What remains is CPU: the API's, per booking, is several times the
minimal reference's, and API, PostgreSQL and the load generator share two cores. The PostgreSQL
column gives every postgres process's CPU per booking and that of the bench database's own backends
(the first includes other databases' work when the machine is shared).`,
  },
  {
    id: 'dashboard',
    title: 'Dashboard over ten years (`bench/dashboard`)',
    scripts: ['bench/dashboard/run.mjs'],
    about: `Ten years of a large base seeded through SQL, then \`GET /api/dashboard\` p50/p95 for one carrier and
base-wide against the same queries sent straight through pg, with the CPU per request of the API process and of
its PostgreSQL backends (\`BEFORE_MAIN\`: another build's requests alternate with this one's, on the same data).
Goal: p95 ≤ 20 ms.`,
  },
  {
    id: 'web',
    title: 'Web app start-up (`bench/web`)',
    scripts: ['bench/web/run.mjs'],
    about: `Initial JavaScript and CSS of the built web app (gzip) and the first contentful paint of the event
list in Chromium. Goal: initial JS ≤ 250 KB gzip.`,
  },
];

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;

function run(cmd, args, opts = {}) {
  const t0 = performance.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env, ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
  return performance.now() - t0;
}

/** Runs one bench: stdout collected (the tables), stderr passed through with a prefix. */
function runBench(bench, script) {
  const args = [...(bench.ts ? TS : []), script];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let pending = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => {
      pending += c;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const l of lines) process.stderr.write(`  [${bench.id}] ${l}\n`);
    });
    child.on('close', (code) =>
      resolve({ code, out, ms: performance.now() - t0, command: `node ${args.join(' ')}` }),
    );
  });
}

async function machine() {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  const { rows } = await c.query(
    `SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc,
            current_setting('max_connections') AS mc, current_setting('shared_buffers') AS sb`,
  );
  await c.end();
  const flush = fsyncRate();
  return (
    `${os.cpus()[0].model.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `Node ${process.version.slice(1)}, PostgreSQL ${rows[0].v} (synchronous_commit ${rows[0].sc}, ` +
    `max_connections ${rows[0].mc}, shared_buffers ${rows[0].sb})${flush ? `, disk flush ${flush}` : ''}`
  );
}

/** pg_test_fsync's fdatasync rate where it can write beside the data: a hot row's ceiling. */
function fsyncRate() {
  const bin = ['/usr/lib/postgresql/15/bin/pg_test_fsync', 'pg_test_fsync'].find((b) =>
    b.includes('/') ? existsSync(b) : spawnSync('which', [b]).status === 0,
  );
  if (!bin) return null;
  const file = path.join(os.tmpdir(), `wutong-bench-fsync-${process.pid}`);
  const res = spawnSync(bin, ['-s', '1', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  const m = /fdatasync\s+([\d.]+) ops\/sec/.exec(res.stdout ?? '');
  return m ? `${Math.round(Number(m[1]))}/s (pg_test_fsync fdatasync, ${os.tmpdir()})` : null;
}

/**
 * The sections of the existing document, by bench id, to keep those not run this time. A document
 * written before the harness (no markers) is split at its "## " headings, matched by the bench path
 * they name; sections that name no bench are kept under their own ids and always carried over.
 */
function previousSections() {
  if (!existsSync(DOC)) return new Map();
  const text = readFileSync(DOC, 'utf8');
  const map = new Map();
  const re = /<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g;
  for (let m = re.exec(text); m; m = re.exec(text)) map.set(m[1], m[2]);
  if (map.size > 0) return map;
  const parts = text.split(/^(?=## )/m).slice(1);
  for (const part of parts) {
    const heading = part.split('\n')[0];
    if (/^## Closing note/.test(heading)) continue;
    const named = /`bench\/([\w-]+)`/.exec(heading)?.[1]?.replace('check-in', 'checkin');
    const id = named ?? `notes-${heading.replace(/\W+/g, '-').toLowerCase().slice(1, 40)}`;
    map.set(id, part.trim() + '\n');
  }
  return map;
}

/** Markdown output (a table, or text that fences its own blocks) as is; anything else in a code block. */
function body(out) {
  const text = out.trim();
  if (!text) return '_(no output)_\n';
  if (/^```/m.test(text)) return `${text}\n`;
  return /^\|.*\|$/m.test(text) ? `${text}\n` : '```\n' + text + '\n```\n';
}

async function main() {
  const t0 = performance.now();
  const started = new Date();
  const load0 = os.loadavg();
  log(`${QUICK ? 'QUICK ' : ''}run, ${ONLY ? [...ONLY].join(', ') : 'all benches'}`);
  if (process.env.SKIP_BUILD !== '1') {
    log('building the shared library, the API and the web app');
    const ms =
      run('npx', ['tsc', '-p', 'libs/shared/tsconfig.lib.json']) +
      run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], {
        env: { ...process.env, NX_DAEMON: 'false' },
      });
    log(`built in ${minutes(ms)}`);
  }
  const machineLine = await machine();
  const kept = previousSections();
  const sections = [];
  const summary = [];
  let failures = 0;
  for (const [k, bench] of BENCHES.entries()) {
    if (ONLY && !ONLY.has(bench.id)) {
      if (kept.has(bench.id)) sections.push({ id: bench.id, text: kept.get(bench.id) });
      continue;
    }
    const script = bench.scripts.find((s) => existsSync(path.join(ROOT, s)));
    if (!script) {
      log(`(${k + 1}/${BENCHES.length}) ${bench.id}: skipped, none of ${bench.scripts.join(', ')} exists`);
      sections.push({
        id: bench.id,
        text: `## ${bench.title}\n\n_Not run: ${bench.scripts[0]} does not exist yet._\n`,
      });
      continue;
    }
    log(`(${k + 1}/${BENCHES.length}) ${bench.id}: ${script}`);
    const r = await runBench(bench, script);
    const status = r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`;
    if (r.code !== 0) failures++;
    log(`(${k + 1}/${BENCHES.length}) ${bench.id}: ${status} in ${minutes(r.ms)}`);
    summary.push(`| ${bench.id} | ${status} | ${minutes(r.ms)} |`);
    const env = QUICK ? 'QUICK=1 ' : '';
    sections.push({
      id: bench.id,
      text:
        `## ${bench.title}\n\n\`\`\`\n${env}${r.command}\n\`\`\`\n\n${bench.about}\n\n` +
        `Run ${started.toISOString().slice(0, 10)}, ${minutes(r.ms)}${r.code === 0 ? '' : `, **${status}**`}.\n\n` +
        body(r.out),
    });
  }
  // Sections of the old document that belong to no bench (notes) stay, after the benches.
  for (const [id, text] of kept) if (!BENCHES.some((b) => b.id === id)) sections.push({ id, text });
  const load1 = os.loadavg();
  // Result lines ("Goal — …") of any section (this run's or kept ones) make the closing note.
  const goals = sections.flatMap((s) => s.text.split('\n').filter((l) => /^Goal —/.test(l)));
  const doc = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs); the scripts and their conventions are in bench/README.md.
Benchmarks print tables; they are never timed tests. Every benchmark runs its reference in the same
run: compare rows of one run (ratios), not absolute numbers across machines or runs.

- Machine: ${machineLine}.
- Last run: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC${QUICK ? ' (QUICK=1)' : ''}, ${
    ONLY ? `benches ${[...ONLY].join(', ')} (other sections kept from earlier runs)` : 'all benches'
  }, ${minutes(performance.now() - t0)} in all.
- Load average (1 min) at the start ${load0[0].toFixed(1)}, at the end ${load1[0].toFixed(1)} on ${
    os.cpus().length
  } cores: ${
    load0[0] < 1
      ? 'the machine was quiet when the run began (the benches themselves load it)'
      : 'other work shared the machine at the start, so the numbers are noisy'
  }.

${sections.map((s) => `<!-- bench:${s.id} -->\n${s.text.trim()}\n<!-- /bench:${s.id} -->`).join('\n\n')}

## Closing note: the goals of issues #7 and #21

${goals.length ? goals.map((g) => `- ${g.replace(/^Goal\s*[—:-]?\s*/, '')}`).join('\n') : '_No bench printed a goal line._'}
`;
  writeFileSync(DOC, doc);
  // The repository's format check covers docs/: leave the file as prettier would.
  spawnSync('npx', ['prettier', '--write', '--log-level', 'warn', DOC], { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write(`\n| bench | status | time |\n| --- | --- | --- |\n${summary.join('\n')}\n`);
  process.stdout.write(
    `\nbench: done — ${summary.length} bench${summary.length === 1 ? '' : 'es'} in ${minutes(performance.now() - t0)}` +
      `${failures ? `, ${failures} FAILED` : ''}; docs/benchmarks.md written\n`,
  );
  if (failures) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
