/**
 * The spread registration rush against two builds of the API, side by side on one database, in
 * alternating rounds: req/s and the API process's CPU per registration, each build's median over the
 * rounds. For a change whose effect is smaller than the spread of `run.mjs`'s rounds (its BEFORE_DIST
 * row shares three rounds with four other systems). Each round: FOUNDERS registrations (every request
 * a different founder, who opened the app on both processes first) over 100 fresh events at
 * CONNECTIONS connections; the outbox worker is off, as in every bench.
 *
 *   A_DIST=dist/apps/api B_DIST=../before/dist/apps/api node bench/registration/two-builds.mjs
 *   # ROUNDS=10 FOUNDERS=6000 CONNECTIONS=64 (also 4: one at a time shows the round trips' latency)
 *   # SYNC_OFF=1: synchronous_commit off on the bench database, so a slow disk's flushes add no noise
 *   # A_ARGS / B_ARGS: Node options for one build's process (e.g. B_ARGS=--max-semi-space-size=64; the
 *   #   same build as A and B then compares the option)
 *   # A_NODE / B_NODE: the Node binary of one build's process (e.g. B_NODE=/usr/bin/node, an older
 *   #   version; the same build as A and B then compares the versions)
 *   # A_SOCKET / B_SOCKET: that build's process reaches PostgreSQL over its Unix socket in this directory
 *   #   (e.g. A_SOCKET=/var/run/postgresql; the same build as A and B then compares socket and TCP)
 *   # EXTRA_SESSIONS=80000: that many more founders open the app on both processes first and stay in
 *   #   their session caches (the rush's founders are the first FOUNDERS of them)
 *
 * A table on stdout, progress on stderr; the database wutong_bench_twobuilds_* is created and dropped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import {
  adminQuery,
  benchDbName,
  createDb,
  dbUrl,
  dropDb,
  fmt,
  insertRushEvents,
  load,
  log,
  newSecret,
  openApp,
  seedFounders,
  startApi,
  table,
} from '../reference/support.mjs';

const A = path.resolve(process.env.A_DIST ?? 'dist/apps/api');
const B = path.resolve(process.env.B_DIST ?? '');
if (!process.env.B_DIST) throw new Error('B_DIST names the other build (its dist/apps/api)');
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const FOUNDERS = Number(process.env.FOUNDERS ?? 6000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const EXTRA_SESSIONS = Number(process.env.EXTRA_SESSIONS ?? 0);
const nodeOf = (name) => process.env[`${name}_NODE`] || undefined;
const argsOf = (name) => (process.env[`${name}_ARGS`] ? process.env[`${name}_ARGS`].split(' ') : []);
const EVENTS = 100;
const DB = benchDbName('twobuilds');
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

async function main() {
  const secret = newSecret();
  await createDb(DB);
  const cleanup = [() => dropDb(DB)];
  try {
    if (process.env.SYNC_OFF === '1') await adminQuery(`ALTER DATABASE ${DB} SET synchronous_commit = off`);
    const builds = [];
    for (const [name, dist] of [
      ['A', A],
      ['B', B],
    ]) {
      const url = new URL(dbUrl(DB));
      const socket = process.env[`${name}_SOCKET`];
      if (socket) url.searchParams.set('host', socket); // node-postgres then ignores the URL's host
      const env = socket ? { DATABASE_URL: url.toString() } : {};
      const api = await startApi({ db: DB, secret, dist, env, args: argsOf(name), node: nodeOf(name) });
      cleanup.unshift(() => api.stop()); // at once: a failed start of B still stops A
      builds.push([name, dist, api]);
    }
    const db = new pg.Client({ connectionString: dbUrl(DB) });
    await db.connect();
    cleanup.unshift(() => db.end());
    const [{ id: org }] = (
      await db.query(
        `INSERT INTO organizations (name, time_zone) VALUES ('压测孵化器', 'Asia/Shanghai') RETURNING id`,
      )
    ).rows;
    let batch = 0;
    const newEvents = () => insertRushEvents(db, org, `压测路演 ${++batch}`, EVENTS);
    log(`two builds: ${FOUNDERS + EXTRA_SESSIONS} founders open the app on both processes`);
    const opened = await seedFounders(db, secret, FOUNDERS + EXTRA_SESSIONS);
    const tokens = opened.slice(0, FOUNDERS);
    for (const [name, , api] of builds) await openApp(api, opened, `two builds, ${name}`);
    const rush = async (api) => {
      const events = await newEvents();
      const cpu0 = api.cpuMs();
      const r = await load({
        port: api.port,
        connections: CONNECTIONS,
        amount: FOUNDERS,
        request: (i) => ({
          method: 'POST',
          path: `/api/events/${events[i % EVENTS]}/registrations`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: '{"answers":{}}',
        }),
      });
      if (r.statuses[201] !== FOUNDERS)
        throw new Error(`answers ${JSON.stringify(r.statuses)}, expected ${FOUNDERS}×201`);
      return { rps: r.rps, cpu: (api.cpuMs() - cpu0) / FOUNDERS, p99: r.p99 };
    };
    log('two builds: warm-up round on each');
    for (const [, , api] of builds) await rush(api);
    const results = { A: [], B: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with the other build, so a slow spell of the machine favours neither.
      for (const [name, , api] of round % 2 ? [...builds].reverse() : builds) {
        const r = await rush(api);
        results[name].push(r);
        log(
          `two builds: round ${round + 1}/${ROUNDS}, ${name}: ${fmt(r.rps)} req/s, ${fmt(r.cpu, 3)} ms CPU per registration`,
        );
      }
    }
    console.log(
      `${ROUNDS} rounds of ${FOUNDERS} registrations over ${EVENTS} events at ${CONNECTIONS} connections, builds alternating${process.env.SYNC_OFF === '1' ? ', synchronous_commit off' : ''}${EXTRA_SESSIONS ? `, ${FOUNDERS + EXTRA_SESSIONS} sessions in each process's cache` : ''}:\n`,
    );
    console.log(
      table(
        builds.map(([name, dist]) => ({
          build: `${name}: ${path.relative(process.cwd(), dist)}${argsOf(name).length ? ` ${argsOf(name).join(' ')}` : ''}${process.env.A_NODE || process.env.B_NODE ? ` on Node ${execFileSync(nodeOf(name) ?? process.execPath, ['-v'], { encoding: 'utf8' }).trim()}` : ''}${process.env[`${name}_SOCKET`] ? ', Unix socket' : ''}`,
          'req/s (median)': fmt(median(results[name].map((r) => r.rps))),
          'API CPU ms per registration (median)': fmt(median(results[name].map((r) => r.cpu)), 3),
          'p99 ms (median)': fmt(median(results[name].map((r) => r.p99)), 1),
          'rounds where A used less CPU':
            name === 'A' ? `${results.A.filter((r, k) => r.cpu < results.B[k].cpu).length} of ${ROUNDS}` : '',
        })),
      ),
    );
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
  log('two builds: done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
